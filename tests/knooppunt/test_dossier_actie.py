"""The dossier page offers to plan a knooppuntoverleg at the pupil's school, to whoever
may plan one there (the school's IB'er, the trajectbegeleider), and to nobody else."""

from django.urls import reverse

from knooppunt.models import Knooppunt
from leerlingen.models import Leerling


def _dossier_met_knooppunt():
    scholen = Knooppunt.objects.values("school")
    return Leerling.objects.filter(school__in=scholen).order_by("pk").first()


def test_the_ib_er_plans_an_overleg_from_the_dossier(als):
    leerling = _dossier_met_knooppunt()
    knooppunt = Knooppunt.objects.get(school=leerling.school)
    pagina = als("ib-innovo").get(reverse("leerlingen:detail", args=[leerling.pk]))
    assert pagina.status_code == 200
    doel = f"{reverse('knooppunt:overleg-nieuw', args=[knooppunt.pk])}?leerling={leerling.pk}"
    assert doel in pagina.content.decode()
    formulier = als("ib-innovo").get(doel)
    assert formulier.status_code == 200
    assert leerling.nummer in formulier.content.decode()


def test_who_may_not_plan_gets_no_button(als):
    leerling = _dossier_met_knooppunt()
    pagina = als("medewerker").get(reverse("leerlingen:detail", args=[leerling.pk]))
    assert pagina.status_code == 200
    assert "Knooppuntoverleg plannen" not in pagina.content.decode()


def test_the_dossier_offers_each_app_s_start_to_who_may(als):
    """Vraag (ondersteuning), aanmelding (zorgplicht), overleg (knooppunt): the school's
    IB'er gets all three; the bestuur, which only reads, none."""
    leerling = _dossier_met_knooppunt()
    url = reverse("leerlingen:detail", args=[leerling.pk])
    pagina = als("ib-innovo").get(url).content.decode()
    for label in (
        "Ondersteuningsvraag stellen",
        "Aanmelding registreren",
        "Knooppuntoverleg plannen",
    ):
        assert label in pagina, label
    antwoord = als("bestuur-innovo").get(url)
    assert antwoord.status_code == 200
    for label in ("Ondersteuningsvraag stellen", "Aanmelding registreren", "Knooppuntoverleg"):
        assert label not in antwoord.content.decode(), label
