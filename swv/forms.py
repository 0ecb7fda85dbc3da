from datetime import date

import django_filters
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_DUO_BESTAND = 50 * 1024 * 1024


class MeerdereBestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MeerdereBestandenVeld(forms.FileField):
    widget = MeerdereBestandenInput

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(d, initial) for d in data]
        return [enkel(data, initial)]


class DuoImportForm(forms.Form):
    bestanden = MeerdereBestandenVeld(
        label=_("DUO-bestanden"),
        help_text=_(
            "CSV-bestanden van DUO (schoolregister, leerlingtellingen) of de regio-indeling. "
            "Het soort bestand wordt herkend aan de kopregel. Maximaal 50 MB per bestand."
        ),
        widget=MeerdereBestandenInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_bestanden(self):
        bestanden = self.cleaned_data["bestanden"]
        for bestand in bestanden:
            if bestand.size > MAX_DUO_BESTAND:
                raise forms.ValidationError(
                    _("%(naam)s is groter dan 50 MB.") % {"naam": bestand.name}, code="te_groot"
                )
        return bestanden


class AanmeldForm(AuthenticationForm):
    """Django's sign-in form with its messages in Dutch (Django's own nl catalogue lacks
    the main one)."""

    error_messages = {
        "invalid_login": _(
            "Voer een correcte gebruikersnaam en wachtwoord in. Let op: beide velden zijn hoofdlettergevoelig."
        ),
        "inactive": _("Dit account is niet actief."),
    }


# Dates inside reason --------------------------------------------------------------------
#
# Every date a user types (forms and list filters) goes through one of these, so no date
# far outside the app's world (year 1, year 9999) reaches a calculation (an OverflowError,
# a 500) or the database (a pupil born in year 1, a term extended to 9999).

EERSTE_DATUM = date(1900, 1, 1)
LAATSTE_DATUM = date(2100, 12, 31)
MAX_LEEFTIJD_JAREN = 25


def _jaren_terug(dag: date, jaren: int) -> date:
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


def redelijke_datum(waarde: date | None) -> None:
    """Validator: a date between 1900 and 2100."""
    if waarde is not None and not (EERSTE_DATUM <= waarde <= LAATSTE_DATUM):
        raise ValidationError(
            _("Vul een datum tussen %(van)s en %(tot)s in.")
            % {"van": EERSTE_DATUM.year, "tot": LAATSTE_DATUM.year},
            code="datum_buiten_bereik",
        )


def redelijke_geboortedatum(waarde: date | None) -> None:
    """Validator: a pupil's birth date, not in the future and at most 25 years ago."""
    if waarde is None:
        return
    vandaag = timezone.localdate()
    if waarde > vandaag:
        raise ValidationError(
            _("Een geboortedatum kan niet in de toekomst liggen."), code="geboren_in_toekomst"
        )
    if waarde < _jaren_terug(vandaag, MAX_LEEFTIJD_JAREN):
        raise ValidationError(
            _("Een leerling is hoogstens %(jaren)s jaar oud: controleer de geboortedatum.")
            % {"jaren": MAX_LEEFTIJD_JAREN},
            code="geboren_te_lang_geleden",
        )


def binnen_jaren(jaren: int):
    """Validator factory: a date at most `jaren` years before or after today (terms,
    extensions, planned dates)."""

    def valideer(waarde: date | None) -> None:
        if waarde is None:
            return
        vandaag = timezone.localdate()
        if not (_jaren_terug(vandaag, jaren) <= waarde <= _jaren_terug(vandaag, -jaren)):
            raise ValidationError(
                _("Vul een datum in die hoogstens %(jaren)s jaar van vandaag ligt.")
                % {"jaren": jaren},
                code="datum_te_ver",
            )

    valideer.jaren = jaren
    return valideer


class DatumVeld(forms.DateField):
    """A date field that accepts only dates between 1900 and 2100 (plus any validators
    given), with Dutch messages; shown as a date picker with min and max."""

    default_validators = [redelijke_datum]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.DateInput):
            attrs.setdefault("min", EERSTE_DATUM.isoformat())
            attrs.setdefault("max", LAATSTE_DATUM.isoformat())
        return attrs

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as fout:  # e.g. a year beyond 9999
            raise ValidationError(self.error_messages["invalid"], code="invalid") from fout


class GeboortedatumVeld(DatumVeld):
    """A pupil's birth date: not in the future, at most 25 years ago."""

    default_validators = [redelijke_datum, redelijke_geboortedatum]


class DatumFilter(django_filters.DateFilter):
    """A list filter on a date, through `DatumVeld` (1900..2100, Dutch message)."""

    field_class = DatumVeld


def redelijke_datum_formfield(veld, **kwargs):
    """`formfield_callback` for a ModelForm: every model DateField becomes a `DatumVeld`
    (use as `class Meta: formfield_callback = redelijke_datum_formfield`)."""
    from django.db import models

    if isinstance(veld, models.DateField) and not isinstance(veld, models.DateTimeField):
        kwargs.setdefault("form_class", DatumVeld)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    return veld.formfield(**kwargs)
