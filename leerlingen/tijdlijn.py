"""The dossier's timeline and its actions: every part of the route that concerns the
pupil adds its events, and may offer a way to start something new for the pupil (a vraag,
a knooppuntoverleg, an aanmelding). Each app registers a source (a function (leerling, user) -> iterable of
`Gebeurtenis`) in its AppConfig.ready(), reading through its own scoped selectors, so
the dossier shows of each record only what the user may see of it; this module imports
no app above it."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

_BRONNEN: list[Callable] = []
_ACTIES: list[Callable] = []


@dataclass(frozen=True)
class Gebeurtenis:
    datum: date
    soort: str  # "TLV", "Thuiszitter", "Dossier", ...
    titel: str
    url: str = ""
    toelichting: str = ""
    status: str = ""


def registreer(bron: Callable[..., Iterable[Gebeurtenis]]) -> Callable:
    if bron not in _BRONNEN:
        _BRONNEN.append(bron)
    return bron


def tijdlijn(leerling, user) -> list[Gebeurtenis]:
    """Newest first; on one day in the order the sources gave them."""
    regels = [g for bron in _BRONNEN for g in bron(leerling, user)]
    return sorted(regels, key=lambda g: g.datum, reverse=True)


@dataclass(frozen=True)
class Actie:
    """A button on the dossier page: start something for this pupil."""

    label: str
    url: str


def registreer_actie(bron: Callable[..., Iterable[Actie]]) -> Callable:
    """`bron(leerling, user)` gives the actions this user may start for the pupil (it
    checks the user's permission itself, through its app's rules)."""
    if bron not in _ACTIES:
        _ACTIES.append(bron)
    return bron


def acties(leerling, user) -> list[Actie]:
    return [a for bron in _ACTIES for a in bron(leerling, user)]
