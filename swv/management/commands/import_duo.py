from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from swv import duo, services


class Command(BaseCommand):
    help = (
        "Importeer DUO-bestanden (schoolregister, leerlingtellingen) en de regio-indeling. "
        "Het soort bestand wordt herkend aan de kopregel; elk bestand gaat in zijn geheel of niet."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestanden", nargs="+", type=Path)

    def handle(self, *args, bestanden, **options):
        inhoud = []
        for pad in bestanden:
            try:
                inhoud.append((str(pad), pad.read_bytes()))
            except OSError as exc:
                raise CommandError(f"{pad}: {exc.strerror}") from None
        mislukt = False
        for naam, uitkomst in services.duo_bestanden_importeren(bestanden=inhoud):
            if isinstance(uitkomst, duo.DuoBestandFout):
                mislukt = True
                self.stderr.write(
                    self.style.ERROR(f"{naam}: niets ingelezen, {len(uitkomst.fouten)} fout(en):")
                )
                for fout in uitkomst.fouten:
                    self.stderr.write(f"  {fout}")
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{naam}: {uitkomst.omschrijving}, {uitkomst.rijen} regels "
                        f"({uitkomst.nieuw} nieuw, {uitkomst.bijgewerkt} bijgewerkt"
                        + (f", {uitkomst.tellingen} tellingen" if uitkomst.tellingen else "")
                        + ")"
                    )
                )
        if mislukt:
            raise CommandError("Niet alle bestanden zijn ingelezen.")
