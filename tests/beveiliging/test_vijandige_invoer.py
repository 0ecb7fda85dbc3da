"""Hostile input to every form in the app (hypothesis).

Every page a demo account can open is fetched; each `<form method="post">` on it is then
posted with random and hostile values (overlong strings, control characters, markup,
wrong types, missing fields). The app must never answer 500; when it refuses the input
it shows a validation message and stores nothing.
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.beveiliging.test_autorisatie import ALLE, REGELS
from toelaatbaarheid import selectors as tlv_sel
from toelaatbaarheid.models import Status

VIJANDIG = st.one_of(
    st.text(max_size=40),
    st.text(min_size=3000, max_size=6000, alphabet=st.characters(codec="utf-8")),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            "\x00\x01\x02",
            "'; DROP TABLE swv_school; --",
            "-1",
            "99999999999999999999",
            "1e309",
            "NaN",
            "31-02-2026",
            "2026-13-45",
            "€ 12,3.4",
            "../../etc/passwd",
            "{{ 7*7 }}",
            "\u202e\u200b",
        ]
    ),
)


class _Formulieren(HTMLParser):
    def __init__(self):
        super().__init__()
        self.formulieren = []
        self._huidig = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._huidig = {
                "action": a.get("action") or "",
                "velden": {},
                "multipart": "multipart" in a.get("enctype", ""),
            }
        elif self._huidig is not None and tag in ("input", "select", "textarea") and a.get("name"):
            if a.get("type") in ("submit", "button", "file"):
                return
            self._huidig["velden"][a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self._huidig is not None:
            self.formulieren.append(self._huidig)
            self._huidig = None


def formulieren(html):
    p = _Formulieren()
    p.feed(html)
    return p.formulieren


def _tellingen():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label
        in {"swv", "toelaatbaarheid", "ondersteuningsplan", "kpi", "verantwoording"}
        and m._meta.model_name not in {"auditevent"}
    }


VOORKEUR = [
    "medewerker",
    "directeur",
    "trajectbegeleider",
    "ib-innovo",
    "bestuur-movare",
    "orthopedagoog",
    "opr",
    "privacy",
]


def _paginas():
    """(username, url name, status) of every non-public page, as up to two of the roles
    that may open it (staff first, where most forms are). TLV case pages are tried once
    per case status, because each status shows other forms."""
    for naam in ALLE:
        r = REGELS.get(naam)
        if r is None or r.publiek or r.methode == "post" or not r.wie:
            continue
        gebruikers = [u for u in VOORKEUR if u in r.wie][:2] or sorted(r.wie)[:1]
        for username in gebruikers:
            if naam == "toelaatbaarheid:detail":
                for status in Status.values:
                    yield username, naam, status
            else:
                yield username, naam, None


ONVEILIG_OM_TE_POSTEN = {"logout"}


@pytest.mark.parametrize("username, naam, status", list(_paginas()))
def test_hostile_input_never_500_and_rejected_forms_store_nothing(
    als, gebruiker, username, naam, status
):
    if naam in ONVEILIG_OM_TE_POSTEN:
        pytest.skip("uitloggen")
    r = REGELS[naam]
    client = als(username)
    if status:
        zaak = (
            tlv_sel.aanvragen_voor(gebruiker(username)).filter(status=status).order_by("pk").first()
        )
        kwargs = {"pk": zaak.pk} if zaak else None
    else:
        kwargs = r.object.binnen(gebruiker(username)) if r.object else {}
    if kwargs is None:
        pytest.skip("geen object in bereik")
    url = reverse(naam, kwargs=kwargs)
    pagina = client.get(url)
    assert pagina.status_code == 200
    if not pagina.get("Content-Type", "").startswith("text/html"):
        pytest.skip("geen HTML-pagina (download)")
    forms = [
        f
        for f in formulieren(pagina.content.decode())
        if "csrfmiddlewaretoken" in f["velden"] and f["action"] != reverse("logout")
    ]
    if not forms:
        pytest.skip("geen formulier op deze pagina")

    @settings(
        max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    @given(data=st.data())
    def probeer(data):
        for form in forms:
            velden = {k: v for k, v in form["velden"].items() if k != "csrfmiddlewaretoken"}
            gekozen = {k: data.draw(VIJANDIG) for k in velden if data.draw(st.booleans())}
            voor = _tellingen()
            antwoord = client.post(form["action"] or url, gekozen)
            assert antwoord.status_code != 500
            assert antwoord.status_code in (200, 302, 400, 403, 404, 409, 429), antwoord.status_code
            if antwoord.status_code == 200 and antwoord.get("Content-Type", "").startswith(
                "text/html"
            ):
                html = antwoord.content.decode()
                geweigerd = any(
                    t in html
                    for t in ("invalid-feedback", "errorlist", "alert-danger", "is-invalid")
                )
                if geweigerd:
                    assert _tellingen() == voor, "geweigerd formulier heeft toch iets opgeslagen"

    probeer()
