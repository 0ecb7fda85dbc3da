from io import StringIO

from django.core import mail
from django.core.management import call_command

from toelaatbaarheid.models import Aanvraag


def test_dagelijkse_herinneringen_zonder_leerlingnamen():
    uit = StringIO()
    call_command(
        "tlv_herinneringen",
        "--dagen",
        "3",
        "--basis-url",
        "https://portaal.example.nl/",
        stdout=uit,
    )
    assert mail.outbox, uit.getvalue()
    ontvangers = {m.to[0] for m in mail.outbox}
    # The overdue beslistermijn of the demo goes to the directeur, the LBT referral to staff.
    assert "directeur@swv-demo.invalid" in ontvangers
    namen = set(Aanvraag.objects.values_list("voornaam", flat=True)) | set(
        Aanvraag.objects.values_list("achternaam", flat=True)
    )
    for bericht in mail.outbox:
        assert "TLV-" in bericht.body and "  https://portaal.example.nl/tlv/" in bericht.body
        assert not any(naam in bericht.body or naam in bericht.subject for naam in namen)
    assert f"{len(mail.outbox)} herinnering(en) verstuurd" in uit.getvalue()


def test_geen_herinnering_ver_voor_de_termijn():
    call_command("tlv_herinneringen", "--dagen", "0", "--datum", "2000-01-01", stdout=StringIO())
    assert mail.outbox == []
