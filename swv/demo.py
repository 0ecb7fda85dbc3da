"""Demo organisation data, built from the real Zuid-Limburg DUO files through the import.

Idempotent: running it again gives the same data. Bestuur names are illustrative (DUO
publishes numbers only); see the README.
"""

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import duo, services
from .middleware import tweestaps_vereist
from .models import Gebruiker, Samenwerkingsverband, School, Schoolbestuur
from .roles import Rol

DEMO_WACHTWOORD = "passend-demo"
# The one TOTP secret of every demo account (README): base32 JBSWY3DPEHPK3PXP.
DEMO_TOTP_SLEUTEL_HEX = "48656c6c6f21deadbeef"
ZUID_LIMBURG = ["PO3104", "PO3105", "PO3106"]
DUO_BESTANDEN = [
    "regio-indeling-swv-passend-onderwijs-pc4-2015.csv",
    "regio-indeling-swv-passend-onderwijs-gemeenten-2013-PO.csv",
    "regio-indeling-swv-passend-onderwijs-gemeenten-2013-VO.csv",
    "02.-alle-schoolvestigingen-basisonderwijs-zuid-limburg.csv",
    "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging-zuid-limburg.csv",
]
# Bevoegd-gezagnummers from the DUO files; the names are illustrative.
BESTUREN = {"41506": "INNOVO", "41516": "Movare"}
SWV_GEGEVENS = {
    "PO3104": ("Westelijke Mijnstreek", "Sittard"),
    "PO3105": ("Maastricht-Heuvelland", "Maastricht"),
    "PO3106": ("Parkstad", "Heerlen"),
}


def laad(stdout=None) -> None:
    bestanden = []
    for naam in DUO_BESTANDEN:
        pad = settings.DUO_DATA_DIR / naam
        bestanden.append((naam, pad.read_bytes()))
    for naam, uitkomst in services.duo_bestanden_importeren(bestanden=bestanden):
        if isinstance(uitkomst, duo.DuoBestandFout):
            raise uitkomst
        if stdout:
            stdout.write(f"  {naam}: {uitkomst.rijen} regels")
    with transaction.atomic():
        _organisaties()
        _gebruikers()


def _organisaties():
    for code, (naam, plaats) in SWV_GEGEVENS.items():
        Samenwerkingsverband.objects.filter(code=code).update(
            naam=naam,
            formele_naam=f"Stichting Samenwerkingsverband Passend Onderwijs {naam} (demo)",
            postadres=f"Postbus 1000, 6000 AA {plaats} (demo)",
            email=f"info@{code.lower()}.swv-demo.invalid",
        )
    for nummer, naam in BESTUREN.items():
        Schoolbestuur.objects.filter(nummer=nummer).update(naam=naam)


def _gebruiker(
    username, rol, voornaam, achternaam, *, swvs=(), bestuur=None, school=None, privacy=False
):
    gebruiker, _ = Gebruiker.objects.update_or_create(
        username=username,
        defaults={
            "rol": rol,
            "first_name": voornaam,
            "last_name": achternaam,
            "email": f"{username}@swv-demo.invalid",
            "bestuur": bestuur,
            "school": school,
            "is_active": True,
            "privacyrol": privacy,
        },
    )
    if not gebruiker.check_password(DEMO_WACHTWOORD):
        gebruiker.set_password(DEMO_WACHTWOORD)
        gebruiker.save(update_fields=["password"])
    gebruiker.samenwerkingsverbanden.set(swvs)
    if tweestaps_vereist(gebruiker):
        TOTPDevice.objects.update_or_create(
            user=gebruiker,
            name="Demo-authenticator",
            defaults={"key": DEMO_TOTP_SLEUTEL_HEX, "confirmed": True},
        )
    return gebruiker


def innovo_school() -> School:
    """The INNOVO school the demo IB'er works at: the first regular INNOVO school in Heerlen."""
    return (
        School.objects.filter(bestuur__nummer="41506", soort="BAO", swv__code="PO3106")
        .order_by("vestigingscode")
        .first()
    )


def _gebruikers():
    swvs = list(Samenwerkingsverband.objects.filter(code__in=ZUID_LIMBURG))
    innovo = Schoolbestuur.objects.get(nummer="41506")
    movare = Schoolbestuur.objects.get(nummer="41516")
    _gebruiker("medewerker", Rol.MEDEWERKER, "Marieke", "Janssen", swvs=swvs)
    _gebruiker("directeur", Rol.DIRECTEUR, "Peter", "Habets", swvs=swvs)
    _gebruiker("trajectbegeleider", Rol.TRAJECTBEGELEIDER, "Anouk", "Scheepers", swvs=swvs)
    _gebruiker("orthopedagoog", Rol.DESKUNDIGE, "Ingrid", "Vrancken", swvs=swvs)
    _gebruiker("jeugdarts", Rol.DESKUNDIGE, "Ruud", "Lemmens", swvs=swvs)
    _gebruiker("bestuur-innovo", Rol.BESTUUR, "Sandra", "Coenen", bestuur=innovo)
    _gebruiker("bestuur-movare", Rol.BESTUUR, "Tom", "Hermans", bestuur=movare)
    _gebruiker("ib-innovo", Rol.SCHOOL, "Lotte", "Smeets", school=innovo_school())
    _gebruiker("opr", Rol.OPR, "Jos", "Wetzels", swvs=swvs)
    _gebruiker("privacy", Rol.MEDEWERKER, "Fatima", "El Idrissi", swvs=swvs, privacy=True)
