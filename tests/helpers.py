"""Shared test helpers. Sign users in only through `inloggen` (or the `als` fixture): it
completes every sign-in step the app requires (password now; two-factor later)."""


def inloggen(client, user):
    client.force_login(user)
    return client
