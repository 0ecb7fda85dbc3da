from toelaatbaarheid.kengetallen import SLEUTELS, bestuur_kengetallen, swv_kengetallen


def test_onbekende_besturen_geven_nullen():
    uitkomst = bestuur_kengetallen(schooljaar=1990, bestuur_ids=[123456])
    assert uitkomst == {123456: dict.fromkeys(SLEUTELS, 0)}


def test_swv_sleutels():
    uitkomst = swv_kengetallen(schooljaar=1990, swv_ids=[987])
    assert set(uitkomst[987]) == set(SLEUTELS) | {
        "doorlooptijd_mediaan_dagen",
        "doorlooptijd_p90_dagen",
    }
    assert uitkomst[987]["doorlooptijd_mediaan_dagen"] is None
