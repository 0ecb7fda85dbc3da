"""URL rules of the authorisation test per app (merged into REGELS of
tests/beveiliging/test_autorisatie.py). A module here imports only what that file defines
before its REGELS: `Object`, `regel` and the role sets."""
