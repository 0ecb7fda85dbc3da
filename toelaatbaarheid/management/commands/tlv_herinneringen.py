"""Daily reminder mail about TLV terms that end soon or have passed.

Schedule it once a day (cron / systemd timer / the platform's scheduler), e.g.
    python manage.py tlv_herinneringen --dagen 3 --basis-url https://portaal.example.nl
Mails name the case number and link only, never the pupil (they travel outside the app).
"""

from collections import defaultdict
from datetime import date, timedelta

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from django.utils import timezone

from swv.models import Gebruiker
from swv.roles import Rol
from toelaatbaarheid import selectors
from toelaatbaarheid import termijnen as t
from toelaatbaarheid.models import (
    Aanvraag,
    Beschikking,
    Deskundigenadvies,
    TlvInstellingen,
)


def ontvangers(zaak: Aanvraag, termijn: t.Termijn, per_swv_rol) -> list[Gebruiker]:
    if termijn.eigenaar == "deskundige":
        return [
            a.deskundige.gebruiker
            for a in zaak.adviezen.all()
            if a.toelaatbaar is None and a.uiterlijk_op == termijn.datum
        ]
    if termijn.eigenaar == "trajectbegeleider" and zaak.trajectbegeleider_id:
        return [zaak.trajectbegeleider]
    return per_swv_rol.get((zaak.swv_id, termijn.eigenaar), [])


def herinneringen(
    *, vandaag: date, dagen: int
) -> dict[Gebruiker, list[tuple[Aanvraag, t.Termijn]]]:
    """Per recipient: the terms ending within `dagen` days or already passed."""
    zaken = (
        Aanvraag.objects.filter(status__in=selectors.TERMIJN_STATUSSEN + ("toegekend",))
        .exclude(status="toegekend", einddatum__isnull=True)
        .select_related("swv", "trajectbegeleider")
        .prefetch_related(
            Prefetch(
                "adviezen",
                queryset=Deskundigenadvies.objects.select_related("deskundige__gebruiker"),
            ),
            "bezwaren",
            Prefetch("beschikkingen", queryset=Beschikking.objects.all()),
        )
    )
    per_swv_rol = defaultdict(list)
    for g in Gebruiker.objects.filter(
        is_active=True, rol__in=[Rol.DIRECTEUR, Rol.MEDEWERKER, Rol.TRAJECTBEGELEIDER]
    ).prefetch_related("samenwerkingsverbanden"):
        for swv in g.samenwerkingsverbanden.all():
            per_swv_rol[(swv.pk, g.rol)].append(g)
    gelijk = t.gelijkgestelde_dagen()
    inst = {i.swv_id: i for i in TlvInstellingen.objects.all()}
    grens = vandaag + timedelta(days=dagen)
    uit = defaultdict(list)
    for zaak in zaken:
        for termijn in selectors.termijnen_van(
            zaak, gelijkgesteld=gelijk, instellingen=inst.get(zaak.swv_id)
        ):
            if termijn.datum <= grens:
                for ontvanger in ontvangers(zaak, termijn, per_swv_rol):
                    if ontvanger.email:
                        uit[ontvanger].append((zaak, termijn))
    return uit


class Command(BaseCommand):
    help = "Stuurt herinneringen over TLV-termijnen die binnenkort aflopen of verstreken zijn."

    def add_arguments(self, parser):
        parser.add_argument("--dagen", type=int, default=3)
        parser.add_argument("--datum", type=date.fromisoformat, default=None)
        parser.add_argument(
            "--basis-url",
            default="",
            help="Adres van het portaal voor de link in de mail, bv. https://portaal.example.nl",
        )

    def handle(self, *args, dagen, datum, basis_url, **options):
        basis_url = basis_url.rstrip("/")
        vandaag = datum or timezone.localdate()
        aantal = 0
        for ontvanger, rijen in sorted(
            herinneringen(vandaag=vandaag, dagen=dagen).items(), key=lambda kv: kv[0].pk
        ):
            regels = []
            for zaak, termijn in sorted(rijen, key=lambda r: r[1].datum):
                status = "VERSTREKEN" if termijn.te_laat(vandaag) else "uiterlijk"
                regels.append(
                    f"- {zaak.nummer}: {termijn.omschrijving}, {status} "
                    f"{termijn.datum:%d-%m-%Y}\n  {basis_url}{zaak.get_absolute_url()}"
                )
            send_mail(
                subject=f"SWV-portaal: {len(regels)} TLV-termijn(en) vragen uw aandacht",
                message=(
                    f"Beste {ontvanger.first_name or ontvanger.username},\n\n"
                    "De volgende termijnen lopen binnenkort af of zijn verstreken:\n\n"
                    + "\n".join(regels)
                    + "\n\nMeld u aan in het SWV-portaal om de zaak te openen.\n"
                ),
                from_email=None,
                recipient_list=[ontvanger.email],
            )
            aantal += 1
        self.stdout.write(f"{aantal} herinnering(en) verstuurd.")
