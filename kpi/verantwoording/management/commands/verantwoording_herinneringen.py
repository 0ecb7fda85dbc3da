from django.core.management.base import BaseCommand

from kpi.verantwoording.services import herinneringen_versturen


class Command(BaseCommand):
    help = (
        "Stuur herinneringen voor verantwoordingsverslagen die nog niet zijn ingediend "
        "(14, 7 en 1 dag voor de deadline; elke herinnering één keer). Dagelijks draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--basis-url",
            default="",
            help="Adres van het portaal voor de link in de mail, bv. https://portaal.example.nl",
        )

    def handle(self, *args, **options):
        aantal = herinneringen_versturen(basis_url=options["basis_url"])
        self.stdout.write(f"{aantal} herinnering(en) verstuurd.")
