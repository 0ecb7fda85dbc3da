"""What needs a user's attention on the home page.

Each app registers a provider (a function user -> list of Aandachtspunt) in its
AppConfig.ready(); the home page shows them all, most urgent first. Providers must use
their app's scoped selectors.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_PROVIDERS: list[Callable] = []


@dataclass(frozen=True)
class Aandachtspunt:
    titel: str
    url: str
    toelichting: str = ""
    datum: date | None = None  # deadline, if any
    te_laat: bool = False
    categorie: str = ""


def registreer(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def punten_voor(user) -> list[Aandachtspunt]:
    punten = [p for provider in _PROVIDERS for p in provider(user)]
    return sorted(punten, key=lambda p: (not p.te_laat, p.datum or date.max, p.titel))
