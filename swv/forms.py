from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
