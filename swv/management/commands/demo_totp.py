from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from swv.demo import DEMO_TOTP_SLEUTEL_HEX


class Command(BaseCommand):
    help = "Toon de huidige tweestapscode van de demo-accounts (alleen in demomodus)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Alleen beschikbaar met SWV_DEMO_MODE=true.")
        self.stdout.write(f"{totp(bytes.fromhex(DEMO_TOTP_SLEUTEL_HEX)):06d}")
