"""The filter panel (templates/includes/filter.html with swv.filters.ScopedFilterSet): the
same markup crispy-forms gave, without a template per dropdown option."""

import re

import pytest
from django import forms

from swv.filters import Keuzelijst, paneelwidget

KEUZES = [("", "Alle"), ("1", "Eén & twee"), ("2", "<b>Drie</b>"), ("Groep", [("3", "Vier")])]


def _norm(html):
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


def _opties(html):
    return re.findall(r"<option[^>]*>[^<]*</option>", _norm(html))


@pytest.mark.parametrize("waarde", [None, "", "1", "3", "onbekend"])
def test_keuzelijst_geeft_dezelfde_opties_als_django(waarde):
    django_select = forms.Select(choices=KEUZES, attrs={"class": "select form-select"})
    eigen = paneelwidget(forms.Select(choices=KEUZES))

    assert isinstance(eigen, Keuzelijst)
    attrs = {"id": "id_x"}
    verwacht = django_select.render("x", waarde, attrs)
    gekregen = eigen.render("x", waarde, attrs)
    assert _opties(gekregen) == _opties(verwacht)
    assert '<optgroup label="Groep">' in gekregen
    assert gekregen.startswith('<select name="x" class="select form-select" id="id_x">')


def test_fout_geeft_rode_rand():
    invoer = paneelwidget(forms.DateInput(attrs={"type": "date"}))
    html = invoer.render("d", "x", {"id": "id_d", "aria-invalid": "true"})
    assert 'class="dateinput form-control is-invalid"' in html
    assert 'class="dateinput form-control"' in invoer.render("d", "", {"id": "id_d"})


@pytest.mark.parametrize("pad", ["/tlv/", "/kpi/thuiszitters/", "/leerlingen/", "/arrangementen/"])
def test_lijst_rendert_geen_sjabloon_per_optie(als, pad):
    antwoord = als("medewerker").get(pad, {"status": "onzin"})
    assert antwoord.status_code == 200
    namen = {t.name for t in antwoord.templates}
    assert "django/forms/widgets/select_option.html" not in namen
    assert not any(n and n.startswith("bootstrap5/") for n in namen)  # no crispy field
    html = _norm(antwoord.content.decode())
    assert 'class="select form-select' in html
    assert 'class="form-label"' in html
