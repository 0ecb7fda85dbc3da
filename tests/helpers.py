"""Shared test helpers. Sign users in only through `inloggen` (or the `als` fixture): it
completes every sign-in step the app requires (password and, for roles that see pupil
data, the two-factor code)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from swv.middleware import tweestaps_vereist


def inloggen(client, user):
    client.force_login(user)
    if tweestaps_vereist(user):
        apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if apparaat is None:
            apparaat = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
    return client


def huidige_code(apparaat: TOTPDevice) -> str:
    return (
        f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"
    )
