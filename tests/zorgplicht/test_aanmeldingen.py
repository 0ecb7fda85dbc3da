"""Zorgplicht: a school registers a written aanmelding (linked to the pupil's dossier),
extends the term once, decides or sees it withdrawn; the deadline is on the home page of
the school and the trajectbegeleider, with a warning past ten weeks. Scoped as every pupil
record; dates computed from today so the suite passes on any day."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerlingen.models import Leerling
from swv.aandacht import punten_voor
from swv.models import AuditEvent, School
from swv.roles import Rol
from tests.factories import GebruikerFactory
from zorgplicht import demo, services, termijnen
from zorgplicht.models import Aanmelding, Status, Uitkomst
from zorgplicht.selectors import aanmeldingen_voor

pytestmark = pytest.mark.django_db


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def vandaag():
    return timezone.localdate()


def _registreer(ib, **kw):
    gegevens = {
        "school": ib.school,
        "ontvangen_op": timezone.localdate() - timedelta(days=2),
        "gevraagde_ondersteuning": "Extra begeleiding bij lezen.",
        "voornaam": "Test",
        "achternaam": "Aanmeldtest",
        "geboortedatum": date(timezone.localdate().year - 6, 5, 1),
        **kw,
    }
    return services.aanmelding_registreren(gebruiker=ib, **gegevens)


def _andere_school(ib):
    return (
        School.objects.filter(swv_id=ib.school.swv_id, soort="BAO")
        .exclude(bestuur_id=ib.school.bestuur_id)
        .order_by("vestigingscode")
        .first()
    )


def _fout(fout, veld):
    return " ".join(fout.value.message_dict[veld])


# Registering -------------------------------------------------------------------------


def test_register_links_a_dossier_and_sets_the_term(ib):
    ontvangen = timezone.localdate() - timedelta(days=2)
    obj = _registreer(ib, ontvangen_op=ontvangen)
    assert obj.status == Status.ONTVANGEN and obj.swv_id == ib.school.swv_id
    assert obj.leerling.achternaam == "Aanmeldtest" and obj.leerling.swv_id == obj.swv_id
    assert obj.uiterste_beslisdatum == termijnen.uiterste_beslisdatum(ontvangen)
    assert obj.uiterste_beslisdatum >= ontvangen + timedelta(days=42)
    assert obj.tien_weken_op >= ontvangen + timedelta(days=70)
    assert list(obj.historie.values_list("naar", flat=True)) == ["ontvangen"]
    event = AuditEvent.objects.filter(omschrijving__contains=obj.nummer).get()
    assert "Aanmeldtest" not in event.omschrijving  # never the pupil's name


def test_register_on_an_existing_dossier_reuses_it(ib):
    noor = Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")
    obj = _registreer(ib, leerling=noor, voornaam="", achternaam="", geboortedatum=None)
    assert obj.leerling == noor
    # Same name and date of birth without choosing the dossier: the same dossier again.
    een = _registreer(ib, voornaam="Lotje", achternaam="Koppel")
    services.aanmelding_intrekken(gebruiker=ib, aanmelding=een, versie=een.versie)
    twee = _registreer(ib, voornaam="lotje ", achternaam="KOPPEL")
    assert twee.leerling_id == een.leerling_id


@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        ({"ontvangen_op": "morgen"}, "ontvangen_op", "in de toekomst"),
        ({"ontvangen_op": "oud"}, "ontvangen_op", "meer dan een jaar"),
        ({"ontvangen_op": None}, "ontvangen_op", "Vul een datum in"),
        ({"gevraagde_ondersteuning": "  "}, "gevraagde_ondersteuning", "Beschrijf"),
        ({"voornaam": ""}, "voornaam", "voornaam"),
        ({"achternaam": ""}, "achternaam", "achternaam"),
        ({"geboortedatum": None}, "geboortedatum", "Vul een datum in"),
        ({"gewenste_startdatum": "voor"}, "gewenste_startdatum", "vóór de datum"),
    ],
)
def test_register_refuses_with_a_message_next_to_the_field(ib, wijziging, veld, melding):
    vandaag = timezone.localdate()
    vertaal = {
        "morgen": vandaag + timedelta(days=1),
        "oud": vandaag - timedelta(days=400),
        "voor": vandaag - timedelta(days=10),
    }
    kw = {k: vertaal.get(v, v) if isinstance(v, str) else v for k, v in wijziging.items()}
    voor = Aanmelding.objects.count(), Leerling.objects.count()
    with pytest.raises(ValidationError) as fout:
        _registreer(ib, **kw)
    assert melding in _fout(fout, veld)
    assert (Aanmelding.objects.count(), Leerling.objects.count()) == voor  # nothing half-saved


def test_a_second_open_aanmelding_at_the_same_school_is_refused(ib):
    _registreer(ib)
    with pytest.raises(ValidationError) as fout:
        _registreer(ib)
    assert "loopt al een aanmelding" in _fout(fout, "achternaam")


def test_only_a_school_user_registers_and_only_for_its_own_school(ib, gebruiker):
    with pytest.raises(PermissionDenied):
        _registreer(ib, school=_andere_school(ib))
    for naam in ("medewerker", "trajectbegeleider", "bestuur-innovo", "opr", "orthopedagoog"):
        with pytest.raises(PermissionDenied):
            _registreer(gebruiker(naam))


# Extending -----------------------------------------------------------------------------


def test_extend_once_by_up_to_four_weeks(ib):
    ontvangen = timezone.localdate() - timedelta(days=10)
    obj = _registreer(ib, ontvangen_op=ontvangen)
    obj = services.aanmelding_verlengen(
        gebruiker=ib, aanmelding=obj, versie=obj.versie, weken=3, reden="Onderzoek loopt."
    )
    assert obj.status == Status.VERLENGD and obj.verlenging_weken == 3
    assert obj.uiterste_beslisdatum == termijnen.uiterste_beslisdatum(ontvangen, verlenging_weken=3)
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_verlengen(
            gebruiker=ib, aanmelding=obj, versie=obj.versie, weken=1, reden="Nog eens."
        )
    assert "al eens verlengd" in _fout(fout, "weken")
    obj.refresh_from_db()
    assert obj.verlenging_weken == 3


@pytest.mark.parametrize(
    ("kw", "veld", "melding"),
    [
        ({"weken": 5}, "weken", "1 tot en met 4"),
        ({"weken": 0}, "weken", "1 tot en met 4"),
        ({"reden": ""}, "reden", "reden"),
        ({"verlengd_op": "morgen"}, "verlengd_op", "in de toekomst"),
        ({"verlengd_op": "voor"}, "verlengd_op", "vóór de datum"),
    ],
)
def test_extension_refused_with_its_message(ib, kw, veld, melding):
    vandaag = timezone.localdate()
    obj = _registreer(ib, ontvangen_op=vandaag - timedelta(days=5))
    vertaal = {"morgen": vandaag + timedelta(days=1), "voor": vandaag - timedelta(days=6)}
    kw = {k: vertaal.get(v, v) if isinstance(v, str) and k == "verlengd_op" else v
          for k, v in kw.items()}  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_verlengen(
            gebruiker=ib, aanmelding=obj, versie=obj.versie,
            **{"weken": 4, "reden": "Onderzoek.", **kw},
        )  # fmt: skip
    assert melding in _fout(fout, veld)
    obj.refresh_from_db()
    assert obj.status == Status.ONTVANGEN and obj.verlengd_op is None


def test_extension_after_the_six_weeks_is_refused(ib):
    ontvangen = timezone.localdate() - timedelta(days=60)
    obj = _registreer(ib, ontvangen_op=ontvangen)
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_verlengen(
            gebruiker=ib, aanmelding=obj, versie=obj.versie, weken=4, reden="Te laat."
        )
    assert "verstreken" in _fout(fout, "verlengd_op")


def test_stale_version_is_refused(ib):
    obj = _registreer(ib)
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_verlengen(
            gebruiker=ib, aanmelding=obj, versie=obj.versie - 1, weken=2, reden="x"
        )
    assert "intussen gewijzigd" in " ".join(fout.value.messages)


# Deciding and withdrawing --------------------------------------------------------------


def test_decide_admitted(ib):
    obj = _registreer(ib)
    obj = services.aanmelding_besluiten(
        gebruiker=ib, aanmelding=obj, versie=obj.versie, uitkomst=Uitkomst.TOEGELATEN,
        besloten_op=timezone.localdate(),
    )  # fmt: skip
    assert obj.status == Status.BESLOTEN and obj.besloten_door == ib
    assert obj.stand() is None
    assert obj.historie.last().stap == "Besluit: Toegelaten"
    with pytest.raises(PermissionDenied):  # decided: no second decision
        services.aanmelding_besluiten(
            gebruiker=ib, aanmelding=obj, versie=obj.versie, uitkomst=Uitkomst.TOEGELATEN,
            besloten_op=timezone.localdate(),
        )  # fmt: skip


def test_decide_place_elsewhere_needs_a_school_of_the_swv(ib):
    obj = _registreer(ib)
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_besluiten(
            gebruiker=ib, aanmelding=obj, versie=obj.versie, uitkomst=Uitkomst.ELDERS,
            besloten_op=timezone.localdate(), toelichting="SBO past beter.",
        )  # fmt: skip
    assert "Kies de school" in _fout(fout, "aangeboden_school")
    buiten = School.objects.exclude(swv_id=ib.school.swv_id).exclude(swv=None).first()
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_besluiten(
            gebruiker=ib, aanmelding=obj, versie=obj.versie, uitkomst=Uitkomst.ELDERS,
            besloten_op=timezone.localdate(), toelichting="x", aangeboden_school=buiten,
        )  # fmt: skip
    assert "andere school binnen" in _fout(fout, "aangeboden_school")
    elders = _andere_school(ib)
    obj = services.aanmelding_besluiten(
        gebruiker=ib, aanmelding=obj, versie=obj.versie, uitkomst=Uitkomst.ELDERS,
        besloten_op=timezone.localdate(), toelichting="SBO past beter.", aangeboden_school=elders,
    )  # fmt: skip
    assert obj.aangeboden_school == elders


@pytest.mark.parametrize(
    ("kw", "veld", "melding"),
    [
        ({"uitkomst": "misschien"}, "uitkomst", "Kies het besluit"),
        ({"besloten_op": "morgen"}, "besloten_op", "in de toekomst"),
        ({"besloten_op": "voor"}, "besloten_op", "vóór de datum"),
        ({"uitkomst": Uitkomst.PLAATSGEBREK, "toelichting": ""}, "toelichting", "Motiveer"),
        ({"uitkomst": Uitkomst.GRONDSLAG, "toelichting": " "}, "toelichting", "Motiveer"),
        ({"aangeboden_school": "elders"}, "aangeboden_school", "alleen bij"),
    ],
)
def test_decision_refused_with_its_message(ib, kw, veld, melding):
    vandaag = timezone.localdate()
    obj = _registreer(ib, ontvangen_op=vandaag - timedelta(days=3))
    vertaal = {"morgen": vandaag + timedelta(days=1), "voor": vandaag - timedelta(days=4),
               "elders": _andere_school(ib)}  # fmt: skip
    kw = {k: vertaal.get(v, v) if isinstance(v, str) else v for k, v in kw.items()}
    with pytest.raises(ValidationError) as fout:
        services.aanmelding_besluiten(
            gebruiker=ib, aanmelding=obj, versie=obj.versie,
            **{"uitkomst": Uitkomst.TOEGELATEN, "besloten_op": vandaag, **kw},
        )  # fmt: skip
    assert melding in _fout(fout, veld)
    obj.refresh_from_db()
    assert obj.status == Status.ONTVANGEN and obj.uitkomst == ""


def test_withdraw(ib):
    obj = _registreer(ib)
    obj = services.aanmelding_intrekken(
        gebruiker=ib, aanmelding=obj, versie=obj.versie, reden="Ouders kozen een andere school."
    )
    assert obj.status == Status.INGETROKKEN
    assert obj.historie.last().toelichting == "Ouders kozen een andere school."


def test_readers_may_not_act(ib, gebruiker):
    obj = _registreer(ib)
    for naam in ("medewerker", "directeur", "trajectbegeleider", "bestuur-innovo"):
        user = gebruiker(naam)
        assert aanmeldingen_voor(user).filter(pk=obj.pk).exists(), naam
        with pytest.raises(PermissionDenied):
            services.aanmelding_intrekken(gebruiker=user, aanmelding=obj, versie=obj.versie)


# Scope -----------------------------------------------------------------------------------

ZIET_INNOVO = {
    "medewerker": True, "directeur": True, "privacy": True, "trajectbegeleider": True,
    "bestuur-innovo": True, "ib-innovo": True, "bestuur-movare": False, "opr": False,
    "orthopedagoog": False, "jeugdarts": False,
}  # fmt: skip


@pytest.mark.parametrize(("username", "ziet"), ZIET_INNOVO.items())
def test_scope_per_role_and_404(als, gebruiker, ib, username, ziet):
    obj = _registreer(ib)
    assert aanmeldingen_voor(gebruiker(username)).filter(pk=obj.pk).exists() is ziet
    antwoord = als(username).get(reverse("zorgplicht:detail", args=[obj.pk]))
    if ziet:
        assert antwoord.status_code == 200
    else:
        # A role that reads aanmeldingen gets 404 (not yours); the others 403 at the door.
        assert antwoord.status_code == (404 if username == "bestuur-movare" else 403)
        assert b"Aanmeldtest" not in antwoord.content


def test_another_school_and_another_trajectbegeleider_do_not_see_it(ib, client):
    from tests.helpers import inloggen

    obj = _registreer(ib)
    andere_ib = GebruikerFactory(username="ib-elders-zp", rol=Rol.SCHOOL, school=_andere_school(ib))
    assert not aanmeldingen_voor(andere_ib).filter(pk=obj.pk).exists()
    assert inloggen(client, andere_ib).get(obj.get_absolute_url()).status_code == 404
    tb_elders = GebruikerFactory(username="tb-elders-zp", rol=Rol.TRAJECTBEGELEIDER,
                                 swvs=[ib.school.swv])  # fmt: skip
    Aanmelding.objects.filter(pk=obj.pk).update(
        trajectbegeleider=GebruikerFactory(username="tb-eigen-zp", rol=Rol.TRAJECTBEGELEIDER)
    )
    assert not aanmeldingen_voor(tb_elders).filter(pk=obj.pk).exists()


# Home page -------------------------------------------------------------------------------


def _punten(user, obj):
    return [p for p in punten_voor(user) if p.url == obj.get_absolute_url()]


def test_deadline_on_the_home_page_of_the_school_and_the_tb_not_another_school(ib, gebruiker, als):
    obj = _registreer(ib)
    for naam in ("ib-innovo", "trajectbegeleider"):
        (punt,) = _punten(gebruiker(naam), obj)
        assert punt.datum == obj.uiterste_beslisdatum and not punt.te_laat
        assert "Nog" in punt.toelichting
    andere_ib = GebruikerFactory(
        username="ib-elders-home", rol=Rol.SCHOOL, school=_andere_school(ib)
    )
    for user in (andere_ib, gebruiker("bestuur-movare"), gebruiker("opr")):
        assert _punten(user, obj) == []
    pagina = als("ib-innovo").get(reverse("home"))
    assert obj.nummer in pagina.content.decode()


def test_home_page_late_and_past_ten_weeks(ib, gebruiker):
    vandaag = timezone.localdate()
    laat = _registreer(ib, ontvangen_op=vandaag - timedelta(days=50), voornaam="Laat")
    tien = _registreer(ib, ontvangen_op=vandaag - timedelta(days=80), voornaam="Tien")
    user = gebruiker("ib-innovo")
    (p_laat,) = _punten(user, laat)
    (p_tien,) = _punten(user, tien)
    assert p_laat.te_laat and "verstreken" in p_laat.toelichting
    assert p_tien.te_laat and "tijdelijke plaats" in p_tien.toelichting
    # Late items come first on the home page, the longest overdue on top.
    punten = punten_voor(user)
    assert punten.index(p_tien) < punten.index(p_laat)
    assert all(p.te_laat for p in punten[: punten.index(p_laat) + 1])


def test_extended_deadline_on_the_home_page(ib, gebruiker):
    vandaag = timezone.localdate()
    obj = _registreer(ib, ontvangen_op=vandaag - timedelta(days=45))
    # Past six weeks only when the Atw did not move the end past today.
    obj2 = _registreer(ib, ontvangen_op=vandaag - timedelta(days=20), voornaam="Verlengd")
    obj2 = services.aanmelding_verlengen(gebruiker=ib, aanmelding=obj2, versie=obj2.versie,
                                         weken=4, reden="Onderzoek.")  # fmt: skip
    (punt,) = _punten(gebruiker("trajectbegeleider"), obj2)
    assert punt.datum == obj2.uiterste_beslisdatum and not punt.te_laat
    assert "verlengd met 4 weken" in punt.toelichting
    assert _punten(gebruiker("ib-innovo"), obj)[0].te_laat == (vandaag > obj.uiterste_beslisdatum)


def test_decided_aanmelding_leaves_the_home_page(ib, gebruiker):
    obj = _registreer(ib)
    services.aanmelding_besluiten(gebruiker=ib, aanmelding=obj, versie=obj.versie,
                                  uitkomst=Uitkomst.TOEGELATEN, besloten_op=timezone.localdate())  # fmt: skip
    assert _punten(gebruiker("ib-innovo"), obj) == []


# Pages -----------------------------------------------------------------------------------


def test_new_page_registers_and_shows_field_errors(als, ib):
    client = als("ib-innovo")
    assert client.get(reverse("zorgplicht:nieuw")).status_code == 200
    morgen = timezone.localdate() + timedelta(days=1)
    antwoord = client.post(reverse("zorgplicht:nieuw"), {
        "school": ib.school_id, "voornaam": "Pagina", "achternaam": "Aanmeldtest",
        "geboortedatum": "2019-05-01", "ontvangen_op": morgen.isoformat(),
        "gevraagde_ondersteuning": "Lezen.",
    })  # fmt: skip
    assert antwoord.status_code == 400
    assert "Deze datum ligt in de toekomst." in antwoord.content.decode()
    assert not Aanmelding.objects.filter(leerling__voornaam="Pagina").exists()
    antwoord = client.post(reverse("zorgplicht:nieuw"), {
        "school": ib.school_id, "voornaam": "Pagina", "achternaam": "Aanmeldtest",
        "geboortedatum": "2019-05-01", "ontvangen_op": timezone.localdate().isoformat(),
        "gevraagde_ondersteuning": "Lezen.",
    })  # fmt: skip
    obj = Aanmelding.objects.get(leerling__voornaam="Pagina")
    assert antwoord.status_code == 302 and antwoord["Location"] == obj.get_absolute_url()


def test_new_from_a_dossier(als, ib):
    noor = Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")
    client = als("ib-innovo")
    url = reverse("zorgplicht:nieuw") + f"?leerling={noor.pk}"
    assert "Noor" in client.get(url).content.decode()
    antwoord = client.post(url, {"school": ib.school_id,
                                 "ontvangen_op": timezone.localdate().isoformat(),
                                 "gevraagde_ondersteuning": "Rekenen."})  # fmt: skip
    assert antwoord.status_code == 302
    assert Aanmelding.objects.filter(leerling=noor).exists()
    # The dossier shows the aanmelding on its timeline, and the action to register one.
    dossier = client.get(noor.get_absolute_url()).content.decode()
    assert "Aanmelding AM-" in dossier and "Aanmelding registreren" in dossier
    andere = Leerling.objects.exclude(school=ib.school).first()
    assert client.get(reverse("zorgplicht:nieuw") + f"?leerling={andere.pk}").status_code == 404


def test_detail_shows_the_term_and_actions(als, ib):
    obj = _registreer(ib)
    pagina = als("ib-innovo").get(obj.get_absolute_url()).content.decode()
    assert obj.uiterste_beslisdatum.strftime("%Y") in pagina
    assert "Termijn loopt vanaf" in pagina and "Termijn verlengen" in pagina
    assert "Besluit vastleggen" in pagina
    lezer = als("trajectbegeleider").get(obj.get_absolute_url()).content.decode()
    assert "Besluit vastleggen" not in lezer


def test_actions_through_the_pages(als, ib):
    obj = _registreer(ib)
    client = als("ib-innovo")
    url = reverse("zorgplicht:actie", args=[obj.pk, "verlengen"])
    data = {"verlengen-versie": obj.versie, "verlengen-weken": "2",
            "verlengen-verlengd_op": timezone.localdate().isoformat(),
            "verlengen-reden": "Onderzoek."}  # fmt: skip
    assert client.post(url, data).status_code == 302
    obj.refresh_from_db()
    data["verlengen-versie"] = obj.versie
    antwoord = client.post(url, data)
    assert antwoord.status_code == 400 and "al eens verlengd" in antwoord.content.decode()
    antwoord = client.post(reverse("zorgplicht:actie", args=[obj.pk, "besluiten"]), {
        "besluit-versie": obj.versie, "besluit-uitkomst": "geweigerd_plaatsgebrek",
        "besluit-besloten_op": timezone.localdate().isoformat(), "besluit-toelichting": "",
    })  # fmt: skip
    assert antwoord.status_code == 400 and "Motiveer het besluit" in antwoord.content.decode()
    # A reader gets 403 before any form is read.
    assert als("bestuur-innovo").post(url, data).status_code == 403


def test_ten_week_warning_on_the_detail_page(als, ib):
    obj = _registreer(ib, ontvangen_op=timezone.localdate() - timedelta(days=80))
    pagina = als("trajectbegeleider").get(obj.get_absolute_url()).content.decode()
    assert "Meer dan tien weken zonder besluit" in pagina and "tijdelijke plaats" in pagina


def test_list_overdue_first_filter_and_constant_queries(als, ib):
    vandaag = timezone.localdate()
    laat = _registreer(ib, ontvangen_op=vandaag - timedelta(days=60), voornaam="Eerst")
    client = als("medewerker")
    url = reverse("zorgplicht:index")
    antwoord = client.get(url)
    rijen = [a for a, _stand in antwoord.context["rijen"]]
    assert rijen[0].uiterste_beslisdatum <= laat.uiterste_beslisdatum
    open_ = [a.is_open for a in rijen]
    assert open_ == sorted(open_, reverse=True)  # open ones before closed ones
    assert all(rijen[i].uiterste_beslisdatum <= rijen[i + 1].uiterste_beslisdatum
               for i in range(len(rijen) - 1) if rijen[i + 1].is_open)  # fmt: skip
    besloten = client.get(url, {"status": "besloten"}).context["rijen"]
    assert besloten and all(a.status == "besloten" for a, _s in besloten)
    per_school = client.get(url, {"school": ib.school.vestigingscode[:4]}).context["rijen"]
    assert per_school and all(a.school_id == ib.school_id for a, _s in per_school)
    with CaptureQueriesContext(connection) as voor:
        client.get(url)
    for i in range(5):
        _registreer(ib, voornaam=f"Extra{i}")
    with CaptureQueriesContext(connection) as na:
        antwoord = client.get(url, {"volgorde": "school"})
    assert antwoord.status_code == 200
    assert len(na) == len(voor)


# Demo ------------------------------------------------------------------------------------


def test_demo_has_every_situation(ib):
    vandaag = timezone.localdate()
    demo_ = Aanmelding.objects.filter(leerling__achternaam=demo.ACHTERNAAM)
    assert demo_.count() == len(demo.AANMELDINGEN)
    standen = [a.stand(vandaag) for a in demo_ if a.is_open]
    assert any(s and not s.te_laat for s in standen)
    assert any(s.te_laat and not s.tien_weken_voorbij for s in standen)
    assert any(s.tien_weken_voorbij for s in standen)
    assert demo_.filter(status="verlengd").exists() and demo_.filter(status="besloten").exists()
    demo.laad()  # idempotent
    assert demo_.count() == len(demo.AANMELDINGEN)
