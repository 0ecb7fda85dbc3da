"""The round and report workflow through the services: every transition allowed and
refused per role, the completeness rule, optimistic locking, closed rounds."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import ConcurrentTransition

from kpi.verantwoording import services, stappen
from kpi.verantwoording.models import (
    Aanwending,
    Ronde,
    RondeGebeurtenis,
    RondeStatus,
    Verslag,
    VerslagGebeurtenis,
    VerslagStatus,
    VraagSoort,
)
from swv.models import AuditEvent, Samenwerkingsverband, Schoolbestuur
from tests.factories.verantwoording import complete_invoer, open_ronde, vul_compleet


@pytest.fixture
def ronde(gebruiker):
    return open_ronde(gebruiker("medewerker"))


@pytest.fixture
def innovo(ronde):
    return Verslag.objects.get(ronde=ronde, bestuur__nummer="41506")


@pytest.fixture
def movare(ronde):
    return Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")


def test_ronde_openen_maakt_een_concept_per_bestuur_en_kopieert_het_sjabloon(ronde):
    assert ronde.status == RondeStatus.OPEN
    assert sorted(ronde.verslagen.values_list("bestuur__nummer", flat=True)) == ["41506", "41516"]
    assert set(ronde.verslagen.values_list("status", flat=True)) == {VerslagStatus.CONCEPT}
    # Copied from the demo's 2023 round (seed 004): 43 procesindicatoren in four parts.
    nummers = sorted(i.nummer for v in ronde.vragen.all() for i in v.indicatoren.all())
    assert nummers == list(range(1, 44))
    dga = ronde.vragen.get(code="doelgroeparrangementen")
    assert dga.alleen_speciaal and [i.nummer for i in dga.indicatoren.all()] == list(range(28, 35))
    assert ronde.vragen.filter(soort=VraagSoort.ANKERPUNT).count() == 4
    assert (
        AuditEvent.objects.filter(
            object_type="verantwoording.ronde", object_id=str(ronde.pk)
        ).count()
        == 2
    )


def test_eerste_ronde_krijgt_het_standaardformulier(gebruiker):
    medewerker = gebruiker("medewerker")
    # A set of SWVs without earlier rounds: the standard form of seed 004.
    ronde = services.ronde_aanmaken(
        gebruiker=medewerker,
        schooljaar=2030,
        deadline=timezone.localdate() + timedelta(days=10),
        samenwerkingsverbanden=list(Samenwerkingsverband.objects.filter(code="PO3105")),
        besturen=[],
    )
    assert ronde.status == RondeStatus.VOORBEREIDING
    assert ronde.vragen.count() == 15
    assert "Richting" in ronde.inleiding
    with pytest.raises(services.VerantwoordingFout, match="Kies eerst de besturen"):
        services.ronde_openen(ronde=ronde, gebruiker=medewerker)


@pytest.mark.parametrize(
    "username", ["bestuur-innovo", "trajectbegeleider", "opr", "ib-innovo", "jeugdarts"]
)
def test_alleen_staf_maakt_rondes(gebruiker, username):
    with pytest.raises(PermissionDenied, match="Alleen medewerkers van het SWV"):
        services.ronde_aanmaken(
            gebruiker=gebruiker(username),
            schooljaar=2031,
            deadline=timezone.localdate() + timedelta(days=10),
            samenwerkingsverbanden=list(Samenwerkingsverband.objects.filter(code="PO3104")),
            besturen=[],
        )
    assert not Ronde.objects.filter(schooljaar=2031).exists()


def test_directeur_mag_ook_rondes_beheren(gebruiker):
    ronde = open_ronde(gebruiker("directeur"), schooljaar=2020)
    services.ronde_sluiten(ronde=ronde, gebruiker=gebruiker("directeur"))
    assert Ronde.objects.get(pk=ronde.pk).status == RondeStatus.GESLOTEN


def test_geen_twee_rondes_voor_hetzelfde_jaar(gebruiker, ronde):
    with pytest.raises(services.VerantwoordingFout, match="bestaat al een ronde"):
        open_ronde(gebruiker("medewerker"))


def test_deadline_in_het_verleden_geweigerd(gebruiker):
    with pytest.raises(services.VerantwoordingFout, match="toekomst"):
        services.ronde_aanmaken(
            gebruiker=gebruiker("medewerker"),
            schooljaar=2032,
            deadline=timezone.localdate(),
            samenwerkingsverbanden=list(Samenwerkingsverband.objects.filter(code="PO3104")),
            besturen=list(Schoolbestuur.objects.filter(nummer="41506")),
        )


def test_buiten_eigen_swv_geweigerd(gebruiker):
    vreemd = Samenwerkingsverband.objects.create(code="PO9999", naam="Elders")
    with pytest.raises(PermissionDenied, match="eigen SWV"):
        services.ronde_aanmaken(
            gebruiker=gebruiker("medewerker"),
            schooljaar=2033,
            deadline=timezone.localdate() + timedelta(days=3),
            samenwerkingsverbanden=[vreemd],
            besturen=[],
        )


def test_ronde_openen_twee_keer_geweigerd(gebruiker, ronde):
    with pytest.raises(services.VerantwoordingFout, match="al geopend"):
        services.ronde_openen(ronde=ronde, gebruiker=gebruiker("medewerker"))


# Completeness -----------------------------------------------------------------------------


def test_indienen_van_leeg_verslag_noemt_precies_wat_ontbreekt(gebruiker, innovo):
    with pytest.raises(services.Onvolledig) as fout:
        services.verslag_indienen(verslag=innovo, gebruiker=gebruiker("bestuur-innovo"))
    missend = fout.value.missend
    assert "Ankerpunt 1 - Kwaliteitsstandaard: reflectie" in missend
    assert "Thuiszitters: reflectie" in missend
    # INNOVO has SBO/SO schools: the niveau-5 parts are required.
    assert "Externe functie: reflectie" in missend
    assert "Doelgroeparrangementen (betreft SBO/SO): hoe de sturing is belegd en geborgd" in missend
    assert "Algemeen: stand van ontwikkeling bij indicator 1, 2, 3, 4, 5, 6, 7" in missend
    assert (
        "Knooppunt (betreft alle scholen): ten minste één indicator uitgewerkt als voorbeeld"
        in missend
    )
    for code in ("PO3104", "PO3105", "PO3106"):
        assert f"Aanwending middelen: ontvangen bedrag terugploegregeling van {code}" in missend
    assert "Aanwending middelen: ten minste één aanwending (omschrijving en bedrag)" in missend
    # Extra informatie is optional.
    assert not any(m.startswith("Extra informatie") for m in missend)
    assert Verslag.objects.get(pk=innovo.pk).status == VerslagStatus.CONCEPT


def test_een_ontbrekend_onderdeel_wordt_precies_genoemd(gebruiker, innovo):
    bestuur = gebruiker("bestuur-innovo")
    invoer = complete_invoer(innovo)
    indicator_5 = innovo.ronde.vragen.get(code="algemeen").indicatoren.get(nummer=5)
    del invoer["standen"][indicator_5.id]
    invoer["antwoorden"][innovo.ronde.vragen.get(code="verwijzingen").id].tekst = "  "
    services.verslag_opslaan(verslag=innovo, gebruiker=bestuur, versie=innovo.versie, **invoer)
    with pytest.raises(services.Onvolledig) as fout:
        services.verslag_indienen(verslag=innovo, gebruiker=bestuur)
    assert fout.value.missend == [
        "Verwijzingen naar SO/SBO: reflectie",
        "Algemeen: stand van ontwikkeling bij indicator 5",
    ]


def test_bestuur_zonder_sbo_so_slaat_niveau_5_over(gebruiker):
    from kpi.verantwoording.selectors import besturen_in_swvs, heeft_speciaal
    from swv.models import Gebruiker
    from swv.roles import Rol

    swv_ids = list(
        Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"]).values_list(
            "id", flat=True
        )
    )
    regulier = next(b for b in besturen_in_swvs(swv_ids) if not heeft_speciaal(b.id, swv_ids))
    ronde = open_ronde(gebruiker("medewerker"), besturen=[regulier.nummer])
    verslag = ronde.verslagen.get()
    assert not verslag.heeft_speciaal
    gebruiker_regulier = Gebruiker.objects.create(
        username="bestuur-regulier", rol=Rol.BESTUUR, bestuur=regulier
    )
    with pytest.raises(services.Onvolledig) as fout:
        services.verslag_indienen(verslag=verslag, gebruiker=gebruiker_regulier)
    assert not any(
        "Externe functie" in m or "Schakelfunctie" in m or "Doelgroep" in m
        for m in fout.value.missend
    )
    assert not any("28" in m for m in fout.value.missend)
    vul_compleet(verslag, gebruiker_regulier)
    services.verslag_indienen(verslag=verslag, gebruiker=gebruiker_regulier)
    assert Verslag.objects.get(pk=verslag.pk).status == VerslagStatus.INGEDIEND


def test_compleet_verslag_indienen_legt_geschiedenis_en_audit_vast(gebruiker, innovo):
    bestuur = gebruiker("bestuur-innovo")
    vul_compleet(innovo, bestuur)
    verslag = services.verslag_indienen(verslag=innovo, gebruiker=bestuur)
    assert verslag.status == VerslagStatus.INGEDIEND and verslag.ingediend_op
    rij = VerslagGebeurtenis.objects.get(verslag=verslag)
    assert (rij.van, rij.naar, rij.door, rij.stap) == (
        "concept",
        "ingediend",
        bestuur,
        "Verslag ingediend",
    )
    assert (
        AuditEvent.objects.filter(
            object_type="verantwoording.verslag", object_id=str(verslag.pk), actie="overgang"
        ).count()
        == 1
    )
    # Submitted: the bestuur can no longer change it.
    with pytest.raises(services.VerantwoordingFout, match="ingediend en kan niet meer"):
        services.verslag_opslaan(
            verslag=verslag, gebruiker=bestuur, versie=verslag.versie, **complete_invoer(verslag)
        )
    with pytest.raises(services.VerantwoordingFout, match="al ingediend"):
        services.verslag_indienen(verslag=verslag, gebruiker=bestuur)


def test_twee_keer_tegelijk_indienen_geeft_precies_een_indiening(gebruiker, innovo):
    bestuur = gebruiker("bestuur-innovo")
    vul_compleet(innovo, bestuur)
    # Two requests loaded the same concept; both press "indienen".
    eerste = Verslag.objects.get(pk=innovo.pk)
    tweede = Verslag.objects.get(pk=innovo.pk)
    services.verslag_indienen(verslag=eerste, gebruiker=bestuur)
    with pytest.raises(services.VerantwoordingFout, match="al ingediend"):
        services.verslag_indienen(verslag=tweede, gebruiker=gebruiker("bestuur-innovo"))
    assert VerslagGebeurtenis.objects.filter(verslag=innovo, naar="ingediend").count() == 1
    assert (
        AuditEvent.objects.filter(
            object_type="verantwoording.verslag", object_id=str(innovo.pk), actie="overgang"
        ).count()
        == 1
    )


def test_de_toestand_zelf_is_het_slot(innovo):
    """The model refuses a transition from a state that changed since loading."""
    eerste = Verslag.objects.get(pk=innovo.pk)
    tweede = Verslag.objects.get(pk=innovo.pk)
    eerste.indienen()
    eerste.save()
    tweede.indienen()
    with pytest.raises(ConcurrentTransition):
        tweede.save()


def test_status_kan_niet_rechtstreeks_worden_gezet(innovo):
    with pytest.raises(AttributeError):
        innovo.status = VerslagStatus.GEACCEPTEERD


def test_ander_bestuur_kan_niet_opslaan_of_indienen(gebruiker, innovo):
    movare_gebruiker = gebruiker("bestuur-movare")
    with pytest.raises(PermissionDenied, match="eigen bestuur"):
        services.verslag_opslaan(
            verslag=innovo,
            gebruiker=movare_gebruiker,
            versie=innovo.versie,
            **complete_invoer(innovo),
        )
    with pytest.raises(PermissionDenied, match="eigen bestuur"):
        services.verslag_indienen(verslag=innovo, gebruiker=movare_gebruiker)
    with pytest.raises(PermissionDenied, match="eigen bestuur"):
        services.verslag_opslaan(
            verslag=innovo,
            gebruiker=gebruiker("medewerker"),
            versie=innovo.versie,
            **complete_invoer(innovo),
        )
    assert not innovo.antwoorden.exists()


def test_twee_gebruikers_van_hetzelfde_bestuur_slaan_tegelijk_op(gebruiker, innovo):
    """No silent loss: the second save (from a form opened on the same version) is refused
    and says who saved in between; the first user's text stays."""
    from swv.models import Gebruiker
    from swv.roles import Rol

    collega = Gebruiker.objects.create(
        username="bestuur-innovo-2",
        first_name="Eva",
        last_name="Peters",
        rol=Rol.BESTUUR,
        bestuur=innovo.bestuur,
    )
    sandra = gebruiker("bestuur-innovo")
    versie = innovo.versie
    vraag = innovo.ronde.vragen.get(code="thuiszitters")
    services.verslag_opslaan(
        verslag=innovo,
        gebruiker=collega,
        versie=versie,
        antwoorden={vraag.id: services.AntwoordInvoer(tekst="Tekst van Eva")},
        standen={},
        ontvangen={},
        aanwendingen=[],
    )
    with pytest.raises(services.VersieConflict) as fout:
        services.verslag_opslaan(
            verslag=innovo,
            gebruiker=sandra,
            versie=versie,
            antwoorden={vraag.id: services.AntwoordInvoer(tekst="Tekst van Sandra")},
            standen={},
            ontvangen={},
            aanwendingen=[],
        )
    assert "Eva Peters" in str(fout.value) and "NIET opgeslagen" in str(fout.value)
    assert innovo.antwoorden.get(vraag=vraag).tekst == "Tekst van Eva"
    assert Verslag.objects.get(pk=innovo.pk).versie == versie + 1


def test_opslaan_vervangt_aanwendingen_en_bedragen(gebruiker, innovo):
    bestuur = gebruiker("bestuur-innovo")
    verslag = vul_compleet(innovo, bestuur)
    invoer = complete_invoer(verslag)
    invoer["aanwendingen"] = [
        ("IB-netwerken", Decimal("43500")),
        ("Startklassen", Decimal("250000")),
    ]
    verslag = services.verslag_opslaan(
        verslag=verslag, gebruiker=bestuur, versie=verslag.versie, **invoer
    )
    assert list(
        Aanwending.objects.filter(verslag=verslag).values_list("omschrijving", "bedrag")
    ) == [("IB-netwerken", Decimal("43500.00")), ("Startklassen", Decimal("250000.00"))]


# Review -------------------------------------------------------------------------------------


@pytest.fixture
def ingediend(gebruiker, innovo):
    vul_compleet(innovo, gebruiker("bestuur-innovo"))
    return services.verslag_indienen(verslag=innovo, gebruiker=gebruiker("bestuur-innovo"))


def test_teruggeven_vraagt_een_opmerking(gebruiker, ingediend):
    with pytest.raises(services.VerantwoordingFout, match="wat het bestuur moet aanvullen"):
        services.verslag_teruggeven(
            verslag=ingediend, gebruiker=gebruiker("medewerker"), opmerking="  "
        )
    assert Verslag.objects.get(pk=ingediend.pk).status == VerslagStatus.INGEDIEND


def test_teruggeven_dan_aanvullen_en_opnieuw_indienen(gebruiker, ingediend):
    bestuur = gebruiker("bestuur-innovo")
    verslag = services.verslag_teruggeven(
        verslag=ingediend, gebruiker=gebruiker("directeur"), opmerking="Vul ankerpunt 4 aan."
    )
    assert (
        verslag.status == VerslagStatus.TERUGGEGEVEN
        and verslag.opmerking_swv == "Vul ankerpunt 4 aan."
    )
    verslag = vul_compleet(verslag, bestuur)
    verslag = services.verslag_indienen(verslag=verslag, gebruiker=bestuur)
    verslag = services.verslag_accepteren(verslag=verslag, gebruiker=gebruiker("medewerker"))
    assert verslag.status == VerslagStatus.GEACCEPTEERD
    assert list(verslag.gebeurtenissen.values_list("naar", flat=True)) == [
        "ingediend",
        "teruggegeven",
        "ingediend",
        "geaccepteerd",
    ]
    assert verslag.gebeurtenissen.get(naar="teruggegeven").toelichting == "Vul ankerpunt 4 aan."


@pytest.mark.parametrize(
    "username", ["bestuur-innovo", "bestuur-movare", "trajectbegeleider", "opr", "jeugdarts"]
)
def test_alleen_staf_beoordeelt(gebruiker, ingediend, username):
    with pytest.raises(PermissionDenied):
        services.verslag_accepteren(verslag=ingediend, gebruiker=gebruiker(username))
    with pytest.raises(PermissionDenied):
        services.verslag_teruggeven(verslag=ingediend, gebruiker=gebruiker(username), opmerking="x")
    # The permission comes before the content: no hint about the missing comment.
    with pytest.raises(PermissionDenied):
        services.verslag_teruggeven(verslag=ingediend, gebruiker=gebruiker(username), opmerking="")
    assert Verslag.objects.get(pk=ingediend.pk).status == VerslagStatus.INGEDIEND


def test_concept_kan_niet_worden_geaccepteerd_of_teruggegeven(gebruiker, innovo):
    with pytest.raises(services.VerantwoordingFout, match="Alleen een ingediend verslag"):
        services.verslag_accepteren(verslag=innovo, gebruiker=gebruiker("medewerker"))
    with pytest.raises(services.VerantwoordingFout, match="Alleen een ingediend verslag"):
        services.verslag_teruggeven(
            verslag=innovo, gebruiker=gebruiker("medewerker"), opmerking="x"
        )


def test_geaccepteerd_verslag_kan_niet_opnieuw_worden_teruggegeven(gebruiker, ingediend):
    services.verslag_accepteren(verslag=ingediend, gebruiker=gebruiker("medewerker"))
    with pytest.raises(services.VerantwoordingFout, match="geaccepteerd"):
        services.verslag_teruggeven(
            verslag=ingediend, gebruiker=gebruiker("medewerker"), opmerking="toch niet"
        )


# Closed round -----------------------------------------------------------------------------


def test_gesloten_ronde_weigert_elke_wijziging(gebruiker, ronde, innovo, movare):
    bestuur = gebruiker("bestuur-innovo")
    vul_compleet(innovo, bestuur)
    services.ronde_sluiten(ronde=ronde, gebruiker=gebruiker("medewerker"))
    innovo.refresh_from_db()
    with pytest.raises(services.VerantwoordingFout, match="gesloten"):
        services.verslag_opslaan(
            verslag=innovo, gebruiker=bestuur, versie=innovo.versie, **complete_invoer(innovo)
        )
    with pytest.raises(services.VerantwoordingFout, match="gesloten"):
        services.verslag_indienen(verslag=innovo, gebruiker=bestuur)
    assert Verslag.objects.get(pk=innovo.pk).status == VerslagStatus.CONCEPT
    with pytest.raises(services.VerantwoordingFout, match="Alleen een open ronde"):
        services.ronde_sluiten(
            ronde=Ronde.objects.get(pk=ronde.pk), gebruiker=gebruiker("medewerker")
        )


def test_alleen_besturen_met_scholen_in_de_gekozen_swvs(gebruiker):
    vreemd = Schoolbestuur.objects.create(nummer="99999", naam="Bestuur zonder scholen")
    with pytest.raises(services.VerantwoordingFout, match="Bestuur zonder scholen"):
        services.ronde_aanmaken(
            gebruiker=gebruiker("medewerker"),
            schooljaar=2034,
            deadline=timezone.localdate() + timedelta(days=3),
            samenwerkingsverbanden=list(Samenwerkingsverband.objects.filter(code="PO3104")),
            besturen=[vreemd],
        )
    assert not Ronde.objects.filter(schooljaar=2034).exists()


def test_deadline_verlengen(als, gebruiker, ronde):
    from django.urls import reverse

    nieuw = timezone.localdate() + timedelta(days=60)
    c = als("medewerker")
    url = reverse("verantwoording:ronde-actie", args=[ronde.pk])

    def post(client, datum):
        versie = Ronde.objects.get(pk=ronde.pk).versie  # as the page was opened now
        return client.post(
            url, {"actie": "deadline", "deadline": datum, "versie": versie}, follow=True
        )

    assert post(c, nieuw.isoformat()).redirect_chain[0][1] == 302
    assert Ronde.objects.get(pk=ronde.pk).deadline == nieuw
    gisteren = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert "kan niet in het verleden liggen" in post(c, gisteren).content.decode()
    post(c, "2020-01-01")
    assert Ronde.objects.get(pk=ronde.pk).deadline == nieuw  # refused, with its message
    assert "Vul een geldige datum in" in post(c, "morgen").content.decode()
    assert Ronde.objects.get(pk=ronde.pk).deadline == nieuw
    assert post(als("bestuur-innovo"), nieuw.isoformat()).status_code == 403
    services.ronde_sluiten(ronde=Ronde.objects.get(pk=ronde.pk), gebruiker=gebruiker("medewerker"))
    with pytest.raises(services.VerantwoordingFout, match="gesloten"):
        services.ronde_deadline_wijzigen(
            ronde=Ronde.objects.get(pk=ronde.pk), gebruiker=gebruiker("medewerker"), deadline=nieuw
        )


# The step table and the timelines ---------------------------------------------------------


def test_ronde_heeft_een_tijdlijn_van_aanmaken_tot_sluiten(gebruiker, ronde):
    medewerker = gebruiker("medewerker")
    nieuw = timezone.localdate() + timedelta(days=45)
    services.ronde_deadline_wijzigen(ronde=ronde, gebruiker=medewerker, deadline=nieuw)
    services.ronde_sluiten(ronde=ronde, gebruiker=medewerker)
    rijen = list(
        RondeGebeurtenis.objects.filter(ronde=ronde).values_list("van", "naar", "stap", "door")
    )
    assert rijen == [
        ("", "voorbereiding", "Ronde aangemaakt", medewerker.pk),
        ("voorbereiding", "open", "Ronde geopend", medewerker.pk),
        ("open", "open", "Uiterste inleverdatum gewijzigd", medewerker.pk),
        ("open", "gesloten", "Ronde gesloten", medewerker.pk),
    ]
    assert (
        nieuw.strftime("%d-%m-%Y") in ronde.gebeurtenissen.get(naar="open", van="open").toelichting
    )
    assert Ronde.objects.get(pk=ronde.pk).deadline == nieuw


def test_staf_van_een_ander_swv_krijgt_permission_denied(gebruiker, ronde, innovo):
    from tests.factories import GebruikerFactory

    elders = Samenwerkingsverband.objects.create(code="PO9998", naam="Elders")
    vreemd = GebruikerFactory(username="mw-elders", rol="medewerker", swvs=[elders])
    with pytest.raises(PermissionDenied, match="buiten uw samenwerkingsverbanden"):
        services.ronde_sluiten(ronde=ronde, gebruiker=vreemd)
    with pytest.raises(PermissionDenied, match="buiten uw samenwerkingsverbanden"):
        services.verslag_accepteren(verslag=innovo, gebruiker=vreemd)
    assert Ronde.objects.get(pk=ronde.pk).status == RondeStatus.OPEN


def test_weigeringen_om_de_inhoud_zijn_validatiefouten_met_de_melding(gebruiker, innovo):
    with pytest.raises(services.Onvolledig) as fout:
        services.verslag_indienen(verslag=innovo, gebruiker=gebruiker("bestuur-innovo"))
    assert isinstance(fout.value, ValidationError)
    # The views show str(exc): the message itself, not a list.
    assert str(fout.value) == "Het verslag is nog niet compleet."


def test_de_stappentabel_zegt_wie_wat_mag(gebruiker, ronde, innovo, movare):
    bestuur, medewerker = gebruiker("bestuur-innovo"), gebruiker("medewerker")
    assert stappen.VERSLAG_INDIENEN.mag(bestuur, innovo)
    assert not stappen.VERSLAG_INDIENEN.mag(bestuur, movare)
    assert not stappen.VERSLAG_INDIENEN.mag(medewerker, innovo)
    # A concept cannot be reviewed yet: the transition says so.
    assert not stappen.VERSLAG_ACCEPTEREN.mag(medewerker, innovo)
    assert stappen.RONDE_SLUITEN.mag(medewerker, ronde)
    assert not stappen.RONDE_OPENEN.mag(medewerker, ronde)
    assert not stappen.RONDE_SLUITEN.mag(bestuur, ronde)
