"""Users limited to ONE organisation, for every role (factories, not the demo accounts).

Every demo SWV account covers all three SWVs, so a test run only with them cannot see a
query that forgets the user's SWVs. These users act for PO3104 only (the bestuur and the
school ones for one board and one school with pupils in PO3104); each is paired with
the demo account whose rights it has (`ALS`), so the URL rules of the authorisation test
apply to it unchanged.
"""

from django.db.models import Count

from swv.models import Gebruiker, Samenwerkingsverband, School, Schoolbestuur
from swv.roles import Rol
from tests.factories import GebruikerFactory

SWV_CODE = "PO3104"

# username suffix -> (demo account with the same rights, role, privacy role?)
ROLLEN = {
    "medewerker": ("medewerker", Rol.MEDEWERKER, False),
    "directeur": ("directeur", Rol.DIRECTEUR, False),
    "trajectbegeleider": ("trajectbegeleider", Rol.TRAJECTBEGELEIDER, False),
    "deskundige": ("orthopedagoog", Rol.DESKUNDIGE, False),
    "opr": ("opr", Rol.OPR, False),
    "privacy": ("privacy", Rol.MEDEWERKER, True),
    "bestuur": ("bestuur-movare", Rol.BESTUUR, False),
    "school": ("ib-innovo", Rol.SCHOOL, False),
}
# The limited user's username -> the demo account whose rights it has.
ALS = {f"alleen-{SWV_CODE.lower()}-{naam}": demo for naam, (demo, _r, _p) in ROLLEN.items()}


def een_swv() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(code=SWV_CODE)


def een_bestuur() -> Schoolbestuur:
    """The board with the most schools in the SWV (so it has pupils there)."""
    return (
        Schoolbestuur.objects.filter(scholen__swv=een_swv())
        .annotate(n=Count("scholen"))
        .order_by("-n", "nummer")
        .first()
    )


def een_school() -> School:
    return School.objects.filter(swv=een_swv(), bestuur=een_bestuur()).order_by("vestigingscode")[0]


def beperkte_gebruiker(naam: str) -> Gebruiker:
    """The user of role `naam` (a key of ROLLEN) limited to one SWV / bestuur / school."""
    _demo, rol, privacy = ROLLEN[naam]
    velden = {"rol": rol, "privacyrol": privacy}
    if rol == Rol.BESTUUR:
        velden["bestuur"] = een_bestuur()
    elif rol == Rol.SCHOOL:
        velden["school"] = een_school()
    else:
        velden["swvs"] = [een_swv()]
    return GebruikerFactory(username=f"alleen-{SWV_CODE.lower()}-{naam}", **velden)


def beperkte_gebruikers() -> list[Gebruiker]:
    return [beperkte_gebruiker(naam) for naam in ROLLEN]
