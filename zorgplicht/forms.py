from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors, termijnen
from .models import Uitkomst

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _schoolnaam(school):
    return f"{school.naam} ({school.vestigingscode})"


class AanmeldingForm(forms.Form):
    """A new aanmelding. With a dossier (`leerling`) the pupil's name is not asked."""

    school = forms.ModelChoiceField(label=_("School van aanmelding"), queryset=None)
    voornaam = forms.CharField(label=_("Voornaam leerling"), max_length=80, required=False)
    achternaam = forms.CharField(label=_("Achternaam leerling"), max_length=120, required=False)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=_DATUM, required=False)
    ontvangen_op = forms.DateField(
        label=_("Schriftelijke aanmelding ontvangen op"),
        widget=_DATUM,
        help_text=_(
            "De school beslist binnen zes weken na ontvangst; de termijn loopt vanaf de dag daarna."
        ),
    )
    gevraagde_ondersteuning = forms.CharField(
        label=_("Gevraagde ondersteuning"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat de ouders bij de aanmelding over de ondersteuning van hun kind melden."),
    )
    gewenste_startdatum = forms.DateField(
        label=_("Gewenste startdatum"), widget=_DATUM, required=False
    )

    def __init__(self, *args, user, leerling=None, **kwargs):
        super().__init__(*args, **kwargs)
        scholen = selectors.scholen_van_aanmelding(user)
        self.fields["school"].queryset = scholen
        self.fields["school"].label_from_instance = _schoolnaam
        if len(scholen[:2]) == 1:
            self.fields["school"].initial = scholen.first()
        if leerling is not None:
            for naam in ("voornaam", "achternaam", "geboortedatum"):
                del self.fields[naam]


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class VerlengenForm(VersieForm):
    weken = forms.TypedChoiceField(
        label=_("Verlengen met"),
        coerce=int,
        choices=[
            (w, _("%(w)s weken") % {"w": w} if w > 1 else _("1 week"))
            for w in range(1, termijnen.MAX_VERLENGING_WEKEN + 1)
        ],  # fmt: skip
        initial=termijnen.MAX_VERLENGING_WEKEN,
    )
    verlengd_op = forms.DateField(label=_("Verlengd op"), widget=_DATUM)
    reden = forms.CharField(
        label=_("Reden van de verlenging"), widget=forms.Textarea(attrs={"rows": 2})
    )


class BesluitForm(VersieForm):
    uitkomst = forms.ChoiceField(label=_("Besluit"), choices=Uitkomst.choices,
                                 widget=forms.RadioSelect)  # fmt: skip
    aangeboden_school = forms.ModelChoiceField(
        label=_("Aangeboden school"),
        queryset=None,
        required=False,
        help_text=_("Alleen bij 'plaats elders aangeboden'."),
    )
    besloten_op = forms.DateField(label=_("Besloten op"), widget=_DATUM)
    toelichting = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij weigering of een plaats elders."),
    )

    def __init__(self, *args, aanmelding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aangeboden_school"].queryset = selectors.aangeboden_scholen(aanmelding)
        self.fields["aangeboden_school"].label_from_instance = _schoolnaam


class IntrekkenForm(VersieForm):
    reden = forms.CharField(label=_("Reden (optioneel)"), required=False, max_length=500)
