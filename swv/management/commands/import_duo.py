from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from swv import duo, services


class Command(BaseCommand):
    help = (
        "Importeer DUO-bestanden (schoolregister, leerlingtellingen) en de regio-indeling. "
        "Het soort bestand wordt herkend aan de kopregel. Een regel met een onbruikbare sleutel "
        "(vestigingscode, soort, aantal) wordt overgeslagen en gemeld; de rest wordt opgeslagen, "
        "met een waarschuwing voor wat is afgeleid of leeg gelaten."
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
                continue
            self.stdout.write(
                self.style.SUCCESS(
                    f"{naam}: {uitkomst.omschrijving}, {uitkomst.rijen} regels ingelezen "
                    f"({uitkomst.nieuw} nieuw, {uitkomst.bijgewerkt} bijgewerkt"
                    + (f", {uitkomst.tellingen} tellingen" if uitkomst.tellingen else "")
                    + ")"
                    + (f", {uitkomst.overgeslagen} overgeslagen" if uitkomst.geweigerd else "")
                )
            )
            if uitkomst.geweigerd:
                self.stderr.write(
                    self.style.ERROR(f"{naam}: {uitkomst.overgeslagen} regel(s) overgeslagen:")
                )
                for fout in uitkomst.geweigerd:
                    self.stderr.write(f"  {fout}")
            if uitkomst.waarschuwingen:
                self.stdout.write(
                    self.style.WARNING(f"{naam}: {len(uitkomst.waarschuwingen)} waarschuwing(en):")
                )
                for melding in uitkomst.waarschuwingen:
                    self.stdout.write(f"  {melding}")
        if mislukt:
            raise CommandError("Niet alle bestanden zijn ingelezen.")
