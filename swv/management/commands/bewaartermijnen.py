from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from swv import bewaartermijnen


class Command(BaseCommand):
    help = (
        "Anonimiseer of verwijder gegevens waarvan de bewaartermijn verstreken is. "
        "Dagelijks in te plannen; --dry-run toont alleen wat er zou gebeuren."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Niets wijzigen, alleen tonen.")
        parser.add_argument(
            "--peildatum",
            help=(
                "Datum (JJJJ-MM-DD) waarop bepaald wordt welke bewaartermijnen verstreken "
                "zijn; standaard vandaag. Wat dan verloopt, wordt nu geanonimiseerd of "
                "verwijderd en krijgt de datum van vandaag."
            ),
        )

    def handle(self, *args, dry_run, peildatum, **options):
        try:
            dag = date.fromisoformat(peildatum) if peildatum else timezone.localdate()
        except ValueError:
            raise CommandError("Peildatum moet de vorm JJJJ-MM-DD hebben.") from None
        uitkomsten = bewaartermijnen.toepassen(peildatum=dag, dry_run=dry_run)
        werkwoord = "zou" if dry_run else "is"
        for uitkomst in uitkomsten:
            regel = uitkomst.regel
            self.stdout.write(
                f"{regel.naam}: {len(uitkomst.labels)} record(s) {werkwoord} {regel.actie}"
            )
            for label in uitkomst.labels:
                self.stdout.write(f"  - {label}")
        if not uitkomsten:
            self.stdout.write("Geen bewaarregels geregistreerd.")
