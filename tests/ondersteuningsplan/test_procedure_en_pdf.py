"""Issues 14, 15 and 16 on the plan: stale speerpunt saves refused, edits after the freeze
refused, the plan PDF cached per content version, the procedure (OPR, OOGO) in the PDF,
confirmation with a date for the dated steps, OOGO with several gemeenten at once, the
OPR warned about unanswered comments, and the smaller conventions (ja/nee, no
"(concept)" on an adopted plan, no cut texts, no "bron niet geverifieerd", a compact page)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from ondersteuningsplan import reports, services
from ondersteuningsplan.models import (
    Hoofdstuk,
    Kpi,
    KpiType,
    Ondersteuningsplan,
    OogoUitkomst,
    OprUitkomst,
    PlanPdf,
    PlanStatus,
    Speerpunt,
    Streefwaarde,
)
from ondersteuningsplan.selectors import gemeenten_van
from tests.factories.ondersteuningsplan import volledig_plan

VANDAAG = timezone.localdate


def _tekst(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def _naar(plan, status, **velden):
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status, **velden)
    return Ondersteuningsplan.objects.get(pk=plan.pk)


def _ter_instemming_met_oogo_en_opr(gebruiker, **kwargs):
    m = gebruiker("medewerker")
    plan = services.plan_voorleggen(plan=volledig_plan(**kwargs), gebruiker=m)
    gemeenten = list(gemeenten_van(plan))
    services.oogo_vastleggen(
        plan=plan, gebruiker=m, gemeenten=gemeenten, datum=VANDAAG() - datetime.timedelta(days=3),
        uitkomst=OogoUitkomst.OVEREENSTEMMING,
    )  # fmt: skip
    services.opr_besluit_vastleggen(
        plan=plan, gebruiker=gebruiker("opr"), datum=VANDAAG() - datetime.timedelta(days=2),
        stemmen_voor=7, stemmen_tegen=1, uitkomst=OprUitkomst.INSTEMMING,
    )  # fmt: skip
    return Ondersteuningsplan.objects.get(pk=plan.pk), gemeenten


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the plan PDF is really rendered."""
    teller = []
    echt = reports.plan_pdf

    def tellen(plan, **kwargs):
        teller.append(plan.pk)
        return echt(plan, **kwargs)

    monkeypatch.setattr(reports, "plan_pdf", tellen)
    return teller


# Issue 16: lost updates ------------------------------------------------------------------


def _speerpunt_post(c, plan, sp, **velden):
    data = {"code": sp.code, "titel": sp.titel, "resultaatgebied": sp.resultaatgebied,
            "legitimatie": sp.legitimatie, "beoogde_resultaten": sp.beoogde_resultaten,
            "volgorde": sp.volgorde, "versie": sp.versie, **velden}  # fmt: skip
    return c.post(f"/plannen/{plan.pk}/speerpunten/{sp.pk}/", data)


def test_speerpuntformulier_draagt_versie_en_weigert_verouderde_opslag(als):
    plan = volledig_plan()
    sp = plan.speerpunten.order_by("pk").first()
    c = als("medewerker")
    html = c.get(f"/plannen/{plan.pk}/speerpunten/{sp.pk}/").content.decode()
    assert f'name="versie" value="{sp.versie}"' in html
    # Two forms opened on version 1; the first save wins.
    assert _speerpunt_post(c, plan, sp, beoogde_resultaten="Eerst opgeslagen.").status_code == 302
    r = _speerpunt_post(als("directeur"), plan, sp, beoogde_resultaten="Later, op oude versie.")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Iemand anders heeft dit speerpunt opgeslagen" in html
    assert "Eerst opgeslagen." in html and "Later, op oude versie." in html
    opgeslagen = Speerpunt.objects.get(pk=sp.pk)
    assert opgeslagen.beoogde_resultaten == "Eerst opgeslagen."  # nothing overwritten
    assert opgeslagen.versie == 2
    # The form now carries the saved version: saving again, deliberately, works.
    assert 'name="versie" value="2"' in html
    r = _speerpunt_post(
        als("directeur"), plan, opgeslagen, beoogde_resultaten="Samengevoegd.", versie=2
    )
    assert r.status_code == 302
    assert Speerpunt.objects.get(pk=sp.pk).beoogde_resultaten == "Samengevoegd."


def test_nieuw_speerpunt_zonder_versie(als):
    plan = volledig_plan()
    r = als("medewerker").post(
        f"/plannen/{plan.pk}/speerpunten/nieuw/", {"code": "Z", "titel": "Nieuw", "volgorde": 9}
    )
    assert r.status_code == 302
    assert Speerpunt.objects.get(plan=plan, code="Z").versie == 1


def test_hoofdstuk_na_voorleggen_geweigerd_met_duidelijke_melding(als, gebruiker):
    plan = volledig_plan()
    h = plan.hoofdstukken.order_by("pk").first()
    services.plan_voorleggen(plan=plan, gebruiker=gebruiker("medewerker"))
    data = {"volgorde": h.volgorde, "titel": h.titel, "tekst": "Te laat.", "versie": h.versie,
            "eisen": h.eisen}  # fmt: skip
    r = als("directeur").post(f"/plannen/{plan.pk}/hoofdstukken/{h.pk}/", data)
    html = r.content.decode()
    assert r.status_code == 200
    assert "ter instemming aan de OPR voorgelegd" in html and "niet opgeslagen" in html
    assert Hoofdstuk.objects.get(pk=h.pk).tekst != "Te laat."
    assert "Te laat." not in str(plan.versies.get().secties)


def test_elke_schrijfactie_verhoogt_de_inhoudversie(gebruiker):
    plan = volledig_plan()
    h = plan.hoofdstukken.order_by("pk").first()
    voor = plan.inhoudversie
    services.hoofdstuk_bijwerken(gebruiker=gebruiker("medewerker"), hoofdstuk=h,
                                 verwachte_versie=h.versie, titel=h.titel, tekst="Nieuw.",
                                 eisen=h.eisen, volgorde=h.volgorde)  # fmt: skip
    assert Ondersteuningsplan.objects.get(pk=plan.pk).inhoudversie == voor + 1
    # A refused write changes nothing, also not the version.
    with pytest.raises(services.Bewerkconflict):
        services.hoofdstuk_bijwerken(gebruiker=gebruiker("medewerker"), hoofdstuk=h,
                                     verwachte_versie=h.versie, titel=h.titel, tekst="Oud.",
                                     eisen=h.eisen, volgorde=h.volgorde)  # fmt: skip
    assert Ondersteuningsplan.objects.get(pk=plan.pk).inhoudversie == voor + 1


# Issues 15 and 16: the PDF cached per content version -------------------------------------


def test_pdf_eenmaal_per_versie_gemaakt_en_na_wijziging_opnieuw(als, gebruiker, renders):
    plan = volledig_plan()
    c = als("medewerker")
    eerste = c.get(f"/plannen/{plan.pk}/pdf/")
    tweede = c.get(f"/plannen/{plan.pk}/pdf/")
    assert eerste.status_code == tweede.status_code == 200
    assert eerste["Content-Type"] == "application/pdf"
    assert eerste.content == tweede.content
    assert renders == [plan.pk]  # the second came from storage
    assert PlanPdf.objects.filter(plan=plan).count() == 1
    # An edit retires the cached PDF: the next download shows the new text.
    h = plan.hoofdstukken.order_by("pk").first()
    services.hoofdstuk_bijwerken(gebruiker=gebruiker("medewerker"), hoofdstuk=h,
                                 verwachte_versie=h.versie, titel=h.titel,
                                 tekst="Een geheel nieuwe alinea.", eisen=h.eisen,
                                 volgorde=h.volgorde)  # fmt: skip
    derde = c.get(f"/plannen/{plan.pk}/pdf/")
    assert "Een geheel nieuwe alinea." in _tekst(derde.content)
    assert "Een geheel nieuwe alinea." not in _tekst(eerste.content)
    assert renders == [plan.pk, plan.pk]
    # Only the current version's PDF is kept.
    assert list(PlanPdf.objects.filter(plan=plan).values_list("inhoudversie", flat=True)) == [
        Ondersteuningsplan.objects.get(pk=plan.pk).inhoudversie
    ]


def test_pdf_met_toets_apart_bewaard(als, renders):
    plan = volledig_plan()
    c = als("medewerker")
    met = c.get(f"/plannen/{plan.pk}/pdf/?toets=1").content
    zonder = c.get(f"/plannen/{plan.pk}/pdf/").content
    assert "toets op volledigheid" in _tekst(met).lower()
    assert "toets op volledigheid" not in _tekst(zonder).lower()
    assert len(renders) == 2
    c.get(f"/plannen/{plan.pk}/pdf/?toets=1")
    assert len(renders) == 2


def test_publieke_pdf_zonder_bewaarde_pdf_eenmaal_gemaakt(client, renders):
    plan = _naar(volledig_plan(), PlanStatus.GEPUBLICEERD)
    eerste = client.get(f"/publiek/plannen/{plan.pk}/pdf/")
    tweede = client.get(f"/publiek/plannen/{plan.pk}/pdf/")
    assert eerste.status_code == tweede.status_code == 200
    assert eerste.content == tweede.content
    assert renders == [plan.pk]


def test_pdf_die_elders_gemaakt_wordt_geeft_wachtpagina(client, monkeypatch, renders):
    plan = _naar(volledig_plan(), PlanStatus.GEPUBLICEERD)
    # Another request has claimed this version and is rendering it.
    PlanPdf.objects.create(plan=plan, inhoudversie=plan.inhoudversie, met_toets=False)
    monkeypatch.setattr(services, "PDF_WACHTEN_SECONDEN", 0)
    r = client.get(f"/publiek/plannen/{plan.pk}/pdf/")
    assert r.status_code == 202
    html = r.content.decode()
    assert "De PDF wordt gemaakt" in html and 'http-equiv="refresh"' in html
    assert renders == []


def test_verlaten_claim_wordt_overgenomen(client, renders):
    plan = _naar(volledig_plan(), PlanStatus.GEPUBLICEERD)
    PlanPdf.objects.create(
        plan=plan, inhoudversie=plan.inhoudversie,
        aangemaakt_op=timezone.now() - datetime.timedelta(hours=1),
    )  # fmt: skip
    r = client.get(f"/publiek/plannen/{plan.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert renders == [plan.pk]
    assert PlanPdf.objects.get(plan=plan).document_id


# Issue 14: the plan ----------------------------------------------------------------------


def test_pdf_legt_opr_instemming_en_oogo_per_gemeente_vast(gebruiker):
    plan, gemeenten = _ter_instemming_met_oogo_en_opr(gebruiker)
    plan = services.plan_vaststellen(plan=plan, gebruiker=gebruiker("directeur"))
    tekst = " ".join(_tekst(bytes(plan.vastgestelde_pdf.inhoud)).split())
    assert "Instemming OPR en OOGO met de gemeenten" in tekst
    opr_datum = VANDAAG() - datetime.timedelta(days=2)
    oogo_datum = VANDAAG() - datetime.timedelta(days=3)
    from swv.formats import lang

    assert f"{lang(opr_datum)} 1 instemming" in tekst
    assert "7 voor, 1 tegen" in tekst
    for g in gemeenten:
        assert f"{g.naam} {lang(oogo_datum)} overeenstemming" in tekst


def test_overzicht_knipt_geen_tekst_af(als):
    lang_resultaat = " ".join(f"woord{i}" for i in range(60)) + " SLOTWOORD"
    plan = volledig_plan()
    Speerpunt.objects.filter(plan=plan).update(beoogde_resultaten=lang_resultaat)
    tekst = _tekst(als("medewerker").get(f"/plannen/{plan.pk}/pdf/").content)
    overzicht = tekst[tekst.rindex("Overzicht doelstellingen en resultaten") :]
    assert "SLOTWOORD" in overzicht
    assert "…" not in overzicht


def test_ja_nee_streefwaarde_als_ja_en_nee(als):
    plan = volledig_plan()
    sp = plan.speerpunten.order_by("pk").first()
    kpi = Kpi.objects.create(speerpunt=sp, naam="Informatiepunt open", type=KpiType.JA_NEE)
    Streefwaarde.objects.create(kpi=kpi, schooljaar=plan.startjaar, comparator="=", waarde=1)
    Streefwaarde.objects.create(kpi=kpi, schooljaar=plan.startjaar + 1, comparator="=", waarde=0)
    assert [s.weergave for s in kpi.streefwaarden.order_by("schooljaar")] == ["ja", "nee"]
    c = als("medewerker")
    html = c.get(f"/plannen/{plan.pk}/").content.decode()
    rij = html[html.index("Informatiepunt open") :]
    rij = rij[: rij.index("</tr>")]
    assert ">ja<" in rij and ">nee<" in rij and ">1<" not in rij
    pdf = " ".join(_tekst(c.get(f"/plannen/{plan.pk}/pdf/").content).split())
    assert "Informatiepunt open ja nee" in pdf
    # The KPI form shows and reads them back as written.
    r = c.get(f"/plannen/{plan.pk}/kpis/{kpi.pk}/")
    assert 'value="ja"' in r.content.decode()
    data = {"naam": kpi.naam, "type": KpiType.JA_NEE, "richting": "hoger", "volgorde": 0,
            f"streef_{plan.startjaar}": "nee", f"streef_{plan.startjaar + 1}": "ja"}  # fmt: skip
    assert c.post(f"/plannen/{plan.pk}/kpis/{kpi.pk}/", data).status_code == 302
    assert [s.weergave for s in kpi.streefwaarden.order_by("schooljaar")] == ["nee", "ja"]


def test_vastgesteld_plan_heet_geen_concept_meer(client, renders):
    plan = _naar(volledig_plan(titel="Plan Samen verder (concept)"), PlanStatus.GEPUBLICEERD)
    html = client.get("/publiek/plannen/").content.decode()
    assert "Plan Samen verder" in html and "(concept)" not in html
    tekst = _tekst(client.get(f"/publiek/plannen/{plan.pk}/pdf/").content)
    assert "Plan Samen verder" in tekst and "(concept)" not in tekst
    # A draft keeps its own title.
    concept = volledig_plan(titel="Nog een plan (concept)")
    assert concept.weergavetitel == "Nog een plan (concept)"


def test_oogo_met_meerdere_gemeenten_tegelijk(als, gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    gemeenten = list(gemeenten_van(plan))
    assert len(gemeenten) > 1
    c = als("medewerker")
    url = f"/plannen/{plan.pk}/oogo/nieuw/"
    assert 'type="checkbox"' in c.get(url).content.decode()
    r = c.post(
        url, {"gemeenten": [], "datum": VANDAAG().isoformat(), "uitkomst": "overeenstemming"}
    )
    assert "Kies minstens één gemeente." in r.content.decode() and not plan.oogo.exists()
    datum = VANDAAG() - datetime.timedelta(days=1)
    r = c.post(url, {"gemeenten": [g.pk for g in gemeenten], "datum": datum.isoformat(),
                     "uitkomst": "overeenstemming"})  # fmt: skip
    assert r.status_code == 302
    assert sorted(plan.oogo.values_list("gemeente_id", "datum")) == sorted(
        (g.pk, datum) for g in gemeenten
    )
    assert services.blokkades_vaststelling(plan) == [
        "De OPR heeft nog niet besloten over de voorgelegde versie."
    ]


def test_vaststellen_vraagt_bevestiging_en_datum(als, gebruiker):
    plan, _ = _ter_instemming_met_oogo_en_opr(gebruiker)
    c = als("directeur")
    url = f"/plannen/{plan.pk}/overgang/vaststellen/"
    # The button leads to a confirmation page; nothing happens yet.
    r = c.post(url)
    html = r.content.decode()
    assert r.status_code == 200 and 'name="datum"' in html and 'name="bevestigd"' in html
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.TER_INSTEMMING
    # A date in the future, or over a year ago, is refused next to the field.
    for datum, melding in (
        (VANDAAG() + datetime.timedelta(days=1), "Deze datum ligt in de toekomst."),
        (VANDAAG() - datetime.timedelta(days=400), "meer dan een jaar terug"),
    ):
        r = c.post(url, {"bevestigd": "1", "datum": datum.isoformat()})
        assert r.status_code == 200 and melding in r.content.decode()
        assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.TER_INSTEMMING
    gisteren = VANDAAG() - datetime.timedelta(days=1)
    r = c.post(url, {"bevestigd": "1", "datum": gisteren.isoformat(), "toelichting": "AB 3/12"})
    assert r.status_code == 302
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    assert plan.status == PlanStatus.VASTGESTELD and plan.vastgesteld_op == gisteren
    assert plan.overgangen.last().toelichting == "AB 3/12"


def test_inspectie_en_publiceren_vragen_bevestiging_en_datum(als):
    eergisteren = VANDAAG() - datetime.timedelta(days=2)
    plan = _naar(volledig_plan(), PlanStatus.VASTGESTELD, vastgesteld_op=eergisteren)
    c = als("directeur")
    url = f"/plannen/{plan.pk}/overgang/naar_inspectie/"
    assert 'name="datum"' in c.post(url).content.decode()
    # Not before the plan was adopted.
    r = c.post(
        url, {"bevestigd": "1", "datum": (eergisteren - datetime.timedelta(days=1)).isoformat()}
    )
    assert "Deze datum ligt voor de vorige stap" in r.content.decode()
    assert c.post(url, {"bevestigd": "1", "datum": eergisteren.isoformat()}).status_code == 302
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    assert plan.status == PlanStatus.BIJ_INSPECTIE and plan.naar_inspectie_op == eergisteren
    url = f"/plannen/{plan.pk}/overgang/publiceren/"
    assert 'name="datum"' in c.post(url).content.decode()
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.BIJ_INSPECTIE
    assert c.post(url, {"bevestigd": "1", "datum": VANDAAG().isoformat()}).status_code == 302
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    assert plan.status == PlanStatus.GEPUBLICEERD and plan.gepubliceerd_op == VANDAAG()


def test_stapdatum_in_de_service_gecontroleerd(gebruiker):
    plan = _naar(volledig_plan(), PlanStatus.VASTGESTELD, vastgesteld_op=VANDAAG())
    with pytest.raises(ValidationError) as fout:
        services.plan_naar_inspectie(plan=plan, gebruiker=gebruiker("directeur"),
                                     datum=VANDAAG() + datetime.timedelta(days=5))  # fmt: skip
    assert fout.value.message_dict == {"datum": ["Deze datum ligt in de toekomst."]}
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.VASTGESTELD


def test_opr_gewaarschuwd_bij_onbeantwoorde_opmerkingen_maar_niet_geblokkeerd(als, gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    opm = services.opmerking_plaatsen(plan=plan, gebruiker=gebruiker("opr"), sectie="missie",
                                      tekst="Waarom geen thuiszitterspact?")  # fmt: skip
    opr = als("opr")
    url = f"/plannen/{plan.pk}/opr-besluit/nieuw/"
    html = opr.get(url).content.decode()
    assert "1 opmerking van de OPR heeft nog geen reactie" in html
    # A warning, not a block: consent is still recorded.
    r = opr.post(url, {"datum": VANDAAG().isoformat(), "stemmen_voor": 5, "stemmen_tegen": 0,
                       "onthoudingen": 0, "uitkomst": "instemming"})  # fmt: skip
    assert r.status_code == 302 and plan.opr_besluiten.count() == 1
    services.opmerking_beantwoorden(opmerking=opm, gebruiker=gebruiker("medewerker"),
                                    antwoord="Staat in hoofdstuk 3.", verwerkt=False)  # fmt: skip
    assert "nog geen reactie" not in opr.get(url).content.decode()


def test_bron_niet_geverifieerd_alleen_voor_beheer(als, gebruiker):
    plan = volledig_plan()
    assert (
        "bron niet geverifieerd"
        not in als("medewerker").get(f"/plannen/{plan.pk}/toets/").content.decode()
    )
    pdf = als("medewerker").get(f"/plannen/{plan.pk}/pdf/?toets=1").content
    assert "niet geverifieerd" not in _tekst(pdf)
    beheer = gebruiker("medewerker")
    beheer.is_staff = True
    beheer.save(update_fields=["is_staff"])
    html = als("medewerker").get(f"/plannen/{plan.pk}/toets/").content.decode()
    assert "bron niet geverifieerd" in html


def test_planpagina_compact_met_inhoudsopgave_en_ingeklapte_hoofdstukken(als):
    plan = volledig_plan()
    html = als("medewerker").get(f"/plannen/{plan.pk}/").content.decode()
    inhoud = html[
        html.index('id="planinhoud"') : html.index("</nav>", html.index('id="planinhoud"'))
    ]
    for h in plan.hoofdstukken.all():
        assert f'href="#h-{h.pk}"' in inhoud
        # Each chapter is folded: its text sits inside a closed <details>.
        begin = html.index(f'<details class="kaart mb-3" id="h-{h.pk}">')
        assert html.index(h.tekst, begin) < html.index("</details>", begin)
    for sp in plan.speerpunten.all():
        assert f'href="#sp-{sp.pk}"' in inhoud
        assert f'<details class="kaart mb-3" id="sp-{sp.pk}">' in html
