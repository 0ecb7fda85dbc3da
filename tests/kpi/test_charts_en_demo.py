"""swv.charts (SVG for page and PDF) and the KPI demo."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from kpi import demo
from kpi.models import Meting, Thuiszitter
from swv.charts import Reeks, lijngrafiek, staafgrafiek


def _boom(svg):
    return ET.fromstring(str(svg))


def test_lijngrafiek_toegankelijk_en_zonder_style():
    svg = lijngrafiek(
        titel="Klachten <ouders>",
        beschrijving="Per jaar",
        labels=["2022-2023", "2023-2024", "2024-2025"],
        reeksen=[
            Reeks("Totaal", [Decimal(8), None, Decimal(3)]),
            Reeks("Streef", [10, 5, 3], stippel=True),
        ],
    )
    boom = _boom(svg)
    assert boom.get("role") == "img"
    ids = boom.get("aria-labelledby").split()
    gevonden = {el.get("id") for el in boom.iter() if el.tag.endswith(("title", "desc"))}
    assert set(ids) == gevonden
    assert "Klachten &lt;ouders&gt;" in svg
    assert all("style" not in el.attrib for el in boom.iter())
    assert not [el for el in boom.iter() if el.tag.endswith("script")]
    # The gap (None) breaks the line: no polyline through the missing year for 'Totaal'.
    # Two markers plus one in the legend; only the target line is drawn as a polyline.
    assert len([el for el in boom.iter() if el.tag.endswith("circle")]) == 3
    assert len([el for el in boom.iter() if el.tag.endswith("polyline")]) == 1


def test_grafieken_krijgen_unieke_ids():
    a = _boom(lijngrafiek(titel="a", beschrijving="b", labels=["x"], reeksen=[Reeks("r", [1])]))
    b = _boom(staafgrafiek(titel="a", beschrijving="b", labels=["x"], reeksen=[Reeks("r", [1])]))
    assert a.get("aria-labelledby") != b.get("aria-labelledby")


def test_staafgrafiek_met_waarden_als_tekst():
    boom = _boom(
        staafgrafiek(
            titel="t",
            beschrijving="d",
            labels=["K1", "K2"],
            reeksen=[Reeks("a", [3, 0]), Reeks("b", [1, 7])],
        )
    )
    teksten = [el.text for el in boom.iter() if el.tag.endswith("text")]
    assert {"3", "7", "1"} <= set(teksten)


def test_lege_grafiek_geeft_geen_fout():
    assert "<svg" in lijngrafiek(titel="t", beschrijving="d", labels=[], reeksen=[])


def test_demo_is_idempotent():
    demo.laad()
    eerst = (
        Meting.objects.count(),
        Thuiszitter.objects.count(),
        sorted(Thuiszitter.objects.values_list("pseudoniem", "startdatum")),
    )
    demo.laad()
    assert (
        Meting.objects.count(),
        Thuiszitter.objects.count(),
        sorted(Thuiszitter.objects.values_list("pseudoniem", "startdatum")),
    ) == eerst
    besturen = set(
        Thuiszitter.objects.filter(pseudoniem__endswith="(demo)").values_list(
            "school__bestuur__nummer", flat=True
        )
    )
    assert besturen == {"41506", "41516"}


def test_demo_zonder_plan_slaat_metingen_over(monkeypatch):
    monkeypatch.setattr(demo, "PLAN_TITEL", "bestaat niet")
    assert demo._metingen() is None
