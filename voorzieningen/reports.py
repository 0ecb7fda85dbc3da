"""View-models of the dekkend netwerk: the exports (declared as columns) and the chart.
No export holds pupil data: the register and counts only, of the voorzieningen in the
user's scope."""

from django.utils.translation import gettext as _

from swv.charts import Reeks, staafgrafiek
from swv.exports import Export, Kolom, attribuut, veld


def _vrij(v, context):
    return max(v.capaciteit - v.bezetting, 0)


VOORZIENINGEN = Export(
    "dekkend-netwerk-voorzieningen-{datum}",
    (
        attribuut("Samenwerkingsverband", "swv.code"),
        attribuut("Nummer", "nummer"),
        attribuut("Naam", "naam"),
        attribuut("Soort", "get_soort_display"),
        attribuut("Doelgroep", "get_doelgroep_display"),
        Kolom("Gastschool", lambda v, c: v.gastschool.naam if v.gastschool_id else ""),
        Kolom("Bestuur", lambda v, c: v.bestuur.naam if v.bestuur_id else ""),
        Kolom("Gemeente", lambda v, c: v.gemeente.naam if v.gemeente_id else ""),
        attribuut("Regio", "regio"),
        attribuut("Capaciteit", "capaciteit"),
        attribuut("Bezetting", "bezetting"),
        Kolom("Vrij", _vrij),
        attribuut("Wachtlijst", "wachtlijst"),
        attribuut("Aandeel gemeente (%)", "gemeente_aandeel"),
    ),
)

TEKORTEN = Export(
    "dekkend-netwerk-tekorten-{datum}",
    (
        Kolom("Samenwerkingsverband", lambda r, c: r["swv"].code),
        veld("Doelgroep zonder voorziening", "label"),
    ),
)


def tekort_rijen(overzicht):
    return [{"swv": b["swv"], **t} for b in overzicht["per_swv"] for t in b["tekorten"]]


def grafiek(overzicht):
    """Capacity, occupancy and waiting list per soort: a picture of the table next to it."""
    soorten = [r for r in overzicht["per_soort"] if r["aantal"]]
    return staafgrafiek(
        titel=_("Capaciteit, bezetting en wachtlijst per soort voorziening"),
        beschrijving=_(
            "Staafdiagram met per soort voorziening de capaciteit, de bezetting en de "
            "wachtlijst; dezelfde getallen staan in de tabel 'Per soort'."
        ),
        labels=[r["label"] for r in soorten],
        reeksen=[
            Reeks(_("Capaciteit"), [r["capaciteit"] for r in soorten]),
            Reeks(_("Bezetting"), [r["bezetting"] for r in soorten]),
            Reeks(_("Wachtlijst"), [r["wachtlijst"] for r in soorten]),
        ],
        breedte=720,
    )
