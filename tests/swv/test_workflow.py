"""The one workflow mechanism (swv/workflow.py), exercised on a TLV case."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from swv import workflow
from swv.models import AuditEvent
from tests.factories.toelaatbaarheid import gebruiker, nieuwe_zaak, vers
from toelaatbaarheid import stappen
from toelaatbaarheid.models import Aanvraag, Status, StatusWijziging


def test_overgang_writes_history_and_audit_and_bumps_the_version():
    zaak = nieuwe_zaak()
    tb = gebruiker("trajectbegeleider")
    versie = zaak.versie
    rij = workflow.overgang(zaak, stappen.INDIENEN, door=tb, toelichting="compleet")
    zaak = vers(zaak)
    assert zaak.status == Status.INGEDIEND and zaak.versie == versie + 1
    assert (rij.van, rij.naar, rij.stap, rij.door, rij.toelichting) == (
        Status.CONCEPT,
        Status.INGEDIEND,
        "Aanvraag ingediend",
        tb,
        "compleet",
    )
    assert isinstance(rij, StatusWijziging) and rij.aanvraag_id == zaak.pk
    log = AuditEvent.objects.filter(object_id=str(zaak.pk), actie="overgang").latest("pk")
    # The case number, never the pupil's name.
    assert log.omschrijving.startswith(zaak.nummer) and zaak.achternaam not in log.omschrijving
    assert log.details == {"van": "concept", "naar": "ingediend", "stap": "indienen"}


def test_overgang_refuses_a_role_without_the_permission_and_writes_nothing():
    zaak = nieuwe_zaak()
    rijen = StatusWijziging.objects.count()
    with pytest.raises(PermissionDenied):
        workflow.overgang(zaak, stappen.INDIENEN, door=gebruiker("opr"))
    assert vers(zaak).status == Status.CONCEPT
    assert StatusWijziging.objects.count() == rijen


def test_a_step_the_state_does_not_allow_is_a_workflow_error():
    zaak = nieuwe_zaak()
    with pytest.raises(workflow.StapNietToegestaan) as fout:
        # Permission is not the question here: the state is.
        workflow.overgang(
            zaak, stappen.TERUGPLAATSEN, door=gebruiker("medewerker"), controleer=False
        )
    assert isinstance(fout.value, ValidationError)
    assert fout.value.messages == ["Deze stap kan niet in de status 'Concept'."]


def test_a_concurrent_change_of_the_state_is_a_stale_version():
    zaak = nieuwe_zaak()
    tb = gebruiker("trajectbegeleider")
    oud = Aanvraag.objects.get(pk=zaak.pk)  # opened before someone else submitted
    workflow.overgang(zaak, stappen.INDIENEN, door=tb)
    with pytest.raises(workflow.VerouderdeVersie):
        workflow.overgang(oud, stappen.INTREKKEN, door=tb)


def test_a_step_without_transition_keeps_the_status_and_is_recorded():
    zaak = nieuwe_zaak()
    rij = workflow.overgang(
        zaak,
        stappen.VERDAGEN,
        door=gebruiker("trajectbegeleider"),
        label="Verdaagd tot x",
        controleer=False,
    )
    assert (rij.van, rij.naar, rij.stap) == (Status.CONCEPT, Status.CONCEPT, "Verdaagd tot x")
    assert vers(zaak).versie == zaak.versie


class _Form(forms.Form):
    datum = forms.DateField(required=False)


def test_fout_op_formulier_puts_field_errors_on_fields_and_the_rest_on_top():
    form = _Form(data={})
    assert form.is_valid()
    workflow.fout_op_formulier(
        form, ValidationError({"datum": "Te vroeg.", "onbekend": "Elders fout."})
    )
    assert form.errors["datum"] == ["Te vroeg."]
    assert form.non_field_errors() == ["Elders fout."]
    form = _Form(data={})
    form.is_valid()
    workflow.fout_op_formulier(form, workflow.VerouderdeVersie())
    assert "Iemand anders" in form.non_field_errors()[0]


def test_history_models_share_the_abstract_fields():
    velden = {"van", "naar", "stap", "door", "tijdstip", "toelichting"}
    assert velden <= {f.name for f in StatusWijziging._meta.get_fields()}
