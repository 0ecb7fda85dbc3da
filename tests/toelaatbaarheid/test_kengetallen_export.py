"""The TLV kengetallen download, read back against the figures the page computes."""

from swv.exports import lees_csv
from swv.models import Samenwerkingsverband
from swv.schooljaar import huidig_schooljaar
from toelaatbaarheid import kengetallen


def test_csv_has_a_row_per_swv_bestuur_and_school_with_the_page_figures(als):
    jaar = huidig_schooljaar()
    antwoord = als("medewerker").get(f"/tlv/kengetallen/?format=csv&schooljaar={jaar}")
    assert antwoord.status_code == 200
    assert f"tlv-kengetallen-{jaar}-{jaar + 1}" in antwoord["Content-Disposition"]
    # Read back as the export writes it (swv.exports: Dutch Excel's separator).
    rijen = lees_csv(antwoord.content)
    kop, data = rijen[0], rijen[1:]
    assert kop[:4] == ["Niveau", "Code/nummer", "Naam", "Aanvragen"]
    assert {r[0] for r in data} <= {"SWV", "Bestuur", "School"}
    swvs = {
        s.code: s.pk
        for s in Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"])
    }
    verwacht = kengetallen.swv_kengetallen(schooljaar=jaar, swv_ids=list(swvs.values()))
    per_swv = {r[1]: r for r in data if r[0] == "SWV"}
    assert set(per_swv) == set(swvs)
    for code, pk in swvs.items():
        assert int(per_swv[code][3]) == verwacht[pk]["aanvragen"]
    assert any(r[0] == "Bestuur" for r in data) and any(r[0] == "School" for r in data)
