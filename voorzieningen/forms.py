from django import forms
from django.utils.translation import gettext_lazy as _

from swv import formats
from swv.selectors import gemeenten_voor, samenwerkingsverbanden_voor, scholen_voor

from .models import Voorziening

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VoorzieningForm(forms.ModelForm):
    """The register entry; the swv only when adding. Dropdowns are scoped to the user."""

    swv = forms.ModelChoiceField(label=_("Samenwerkingsverband"), queryset=None)

    class Meta:
        model = Voorziening
        fields = [
            "swv", "naam", "soort", "doelgroep", "omschrijving", "gastschool", "bestuur",
            "gemeente", "regio", "capaciteit", "gemeente_aandeel", "actief",
        ]  # fmt: skip
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, bewerken=False, **kwargs):
        super().__init__(*args, **kwargs)
        from swv.selectors import besturen_voor

        swvs = samenwerkingsverbanden_voor(user).order_by("code")
        self.fields["swv"].queryset = swvs
        if bewerken:
            del self.fields["swv"]
        elif swvs.count() == 1:
            self.fields["swv"].initial = swvs.first()
        self.fields["gastschool"].queryset = scholen_voor(user).order_by("naam")
        self.fields["bestuur"].queryset = besturen_voor(user).order_by("naam")
        self.fields["gemeente"].queryset = gemeenten_voor(user).order_by("naam")
        self.fields["gemeente_aandeel"].help_text = _(
            "Percentage van de kosten dat de gemeente draagt (0 tot en met 100)."
        )

    def _post_clean(self):
        # The service validates against the SWV and saves; the form does not touch the
        # instance (nothing half-saved, one place for the rules).
        pass


class PlaatsingForm(forms.Form):
    besluit = forms.ModelChoiceField(
        label=_("Besluit (toegekende ondersteuningsvraag)"), queryset=None
    )
    direct_plaatsen = forms.TypedChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[("0", _("Op de wachtlijst zetten")), ("1", _("Direct plaatsen"))],
        coerce=lambda w: w == "1", widget=forms.RadioSelect, initial="0",
    )  # fmt: skip
    startdatum = forms.DateField(
        label=_("Startdatum (bij direct plaatsen)"), required=False, widget=_DATUM
    )
    boven_capaciteit = forms.BooleanField(
        label=_("Bewust plaatsen boven de capaciteit"), required=False
    )
    capaciteit_reden = forms.CharField(
        label=_("Reden voor plaatsing boven de capaciteit"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args, besluiten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["besluit"].queryset = besluiten
        self.fields["besluit"].label_from_instance = lambda v: (
            f"{v.nummer} – {v.leerling.naam} ({v.get_soort_display()}, {formats.kort(v.besloten_op)})"
        )


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class PlaatsenForm(VersieForm):
    startdatum = forms.DateField(label=_("Startdatum"), widget=_DATUM)
    boven_capaciteit = forms.BooleanField(
        label=_("Bewust plaatsen boven de capaciteit"), required=False
    )
    capaciteit_reden = forms.CharField(
        label=_("Reden voor plaatsing boven de capaciteit"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class BeeindigenForm(VersieForm):
    einddatum = forms.DateField(label=_("Einddatum"), widget=_DATUM)
    reden = forms.CharField(label=_("Reden (optioneel)"), required=False, max_length=500)


class VervallenForm(VersieForm):
    reden = forms.CharField(label=_("Reden (optioneel)"), required=False, max_length=500)
