import pytest


@pytest.fixture
def snelle_pdf(monkeypatch):
    """Skip WeasyPrint where a test does not read the PDF (rendering costs ~1 s each)."""
    from toelaatbaarheid import reports

    monkeypatch.setattr(reports, "beschikking_pdf", lambda b: b"%PDF-1.7 beschikking")
    monkeypatch.setattr(reports, "brief_pdf", lambda b, **k: b"%PDF-1.7 brief")
