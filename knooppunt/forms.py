from django import forms
from django.utils.translation import gettext_lazy as _

from swv.schooljaar import huidig_schooljaar, schooljaar_label
from toelaatbaarheid.models import Categorie, Soort

from .models import Kernpartner, KnooppuntEvaluatie, Knooppuntoverleg, PartnerRol

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_JA_NEE = [("", _("Onbekend")), ("ja", _("Ja")), ("nee", _("Nee"))]


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class InrichtenForm(forms.Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    werkwijze = forms.CharField(
        label=_("Werkwijze en frequentie"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args, scholen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen
        enige = list(scholen[:2])
        if len(enige) == 1:
            self.fields["school"].initial = enige[0]


class WerkwijzeForm(forms.Form):
    werkwijze = forms.CharField(
        label=_("Werkwijze en frequentie"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Kernpartner
        fields = ["rol", "naam", "organisatie", "email", "telefoon"]


def _ja_nee(veld):
    return forms.TypedChoiceField(
        label=KnooppuntEvaluatie._meta.get_field(veld).verbose_name.capitalize(),
        choices=_JA_NEE, required=False, empty_value=None,
        coerce=lambda w: {"ja": True, "nee": False}.get(w),
    )  # fmt: skip


class EvaluatieForm(forms.Form):
    schooljaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int)
    datum = forms.DateField(label=_("Datum evaluatie"), widget=_DATUM)
    aantal_overleggen = forms.IntegerField(label=_("Aantal gehouden overleggen"), min_value=0)
    aantal_leerlingen = forms.IntegerField(label=_("Aantal besproken leerlingen"), min_value=0)
    aantal_doorverwijzingen = forms.IntegerField(
        label=_("Aantal doorverwijzingen naar een MDO (knooppunt toeleiding)"), min_value=0
    )
    tevredenheid_partners = forms.IntegerField(
        label=_("Tevredenheid kernpartners (1-10)"), required=False, min_value=1, max_value=10
    )
    tevredenheid_ouders = forms.IntegerField(
        label=_("Tevredenheid over de samenwerking met ouders (1-10)"),
        required=False, min_value=1, max_value=10,
    )  # fmt: skip
    werkafspraken = _ja_nee("werkafspraken")
    mandaat = _ja_nee("mandaat")
    privacyproof = _ja_nee("privacyproof")
    toestemming_bij_inschrijving = _ja_nee("toestemming_bij_inschrijving")
    conclusies = forms.CharField(
        label=_("Conclusies"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    verbeterpunten = forms.CharField(
        label=_("Verbeterpunten"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        jaar = huidig_schooljaar()
        self.fields["schooljaar"].choices = [
            (j, schooljaar_label(j)) for j in range(jaar, jaar - 3, -1)
        ]
        for naam in ("aantal_overleggen", "aantal_leerlingen", "aantal_doorverwijzingen"):
            self.fields[naam].help_text = _("Voorgevuld uit de vastgelegde overleggen.")


class OverlegForm(forms.ModelForm):
    rollen_aanwezig = forms.MultipleChoiceField(
        label=_("Aanwezige kernpartners"), choices=PartnerRol.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Knooppuntoverleg
        fields = [
            "datum", "rollen_aanwezig", "deelnemers", "integraal_beeld",
            "interventies_onderwijs", "interventies_gemeente", "interventies_zorg",
            "regie_rol", "regie_naam", "volgende_evaluatie",
        ]  # fmt: skip
        widgets = {
            "datum": _DATUM,
            "volgende_evaluatie": _DATUM,
            "deelnemers": forms.Textarea(attrs={"rows": 2}),
            "integraal_beeld": forms.Textarea(attrs={"rows": 4}),
            "interventies_onderwijs": forms.Textarea(attrs={"rows": 3}),
            "interventies_gemeente": forms.Textarea(attrs={"rows": 3}),
            "interventies_zorg": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regie_rol"].choices = [("", _("Nog niet afgesproken")), *PartnerRol.choices]

    def _post_clean(self):
        # The service validates (and the model's constraints would say it in English).
        pass

    def gegevens(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "datum"}


class NaarMdoForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    soort = forms.ChoiceField(label=_("Soort TLV"), choices=Soort.choices, widget=forms.RadioSelect)
    categorie = forms.ChoiceField(
        label=_("Bekostigingscategorie (alleen bij SO)"),
        choices=[("", "–"), *Categorie.choices], required=False,
    )  # fmt: skip
