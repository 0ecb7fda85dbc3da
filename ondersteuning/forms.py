from django import forms
from django.utils.translation import gettext_lazy as _

from leerlingen.models import Toestemming
from swv.roles import SWV_ROLLEN
from swv.selectors import samenwerkingsverbanden_voor

from .models import Besluit, Ondersteuningsvraag

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _toestemmingen(user, leerling):
    return (
        Toestemming.objects.voor(user)
        .filter(leerling=leerling, ingetrokken_op__isnull=True)
        .order_by("-datum")
    )


class VraagForm(forms.ModelForm):
    class Meta:
        model = Ondersteuningsvraag
        fields = ["soort", "vraag", "niveaus_1_4", "zienswijze_ouders", "toestemming"]
        widgets = {"vraag": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, leerling, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toestemming"].queryset = _toestemmingen(user, leerling)
        self.fields["toestemming"].empty_label = _("Nog geen toestemming vastgelegd")
        self.fields["toestemming"].help_text = _(
            "Nodig bij het indienen. Een toestemming legt u vast in het dossier."
        )
        for naam in ("niveaus_1_4", "zienswijze_ouders"):
            self.fields[naam].widget.attrs["rows"] = 4
            self.fields[naam].help_text = _("Nodig bij het indienen.")


class IndienenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    toestemming = forms.ModelChoiceField(
        label=_("Toestemming ouders"), queryset=Toestemming.objects.none(), required=False
    )

    def __init__(self, *args, user, leerling, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toestemming"].queryset = _toestemmingen(user, leerling)


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class IntrekkenForm(VersieForm):
    reden = forms.CharField(label=_("Reden (optioneel)"), required=False, max_length=500)


class AgenderenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    overleg = forms.ModelChoiceField(label=_("Loketoverleg"), queryset=None)

    def __init__(self, *args, overleggen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overleg"].queryset = overleggen
        self.fields["overleg"].label_from_instance = lambda o: f"{o.nummer} ({o.datum:%d-%m-%Y})"


class BesluitForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    besluit = forms.ChoiceField(
        label=_("Besluit"), choices=Besluit.choices, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label=_("Reden (de school leest die)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class OverlegForm(forms.Form):
    swv = forms.ModelChoiceField(label=_("Samenwerkingsverband"), queryset=None)
    datum = forms.DateField(label=_("Datum"), widget=_DATUM)
    deelnemers = forms.ModelMultipleChoiceField(
        label=_("Deelnemers"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    gasten = forms.CharField(
        label=_("Gasten"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Overige deelnemers (naam en organisatie), één per regel."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from swv.models import Gebruiker

        swvs = samenwerkingsverbanden_voor(user).order_by("code")
        self.fields["swv"].queryset = swvs
        if swvs.count() == 1:
            self.fields["swv"].initial = swvs.first()
        self.fields["deelnemers"].queryset = (
            Gebruiker.objects.filter(
                is_active=True, rol__in=SWV_ROLLEN, samenwerkingsverbanden__in=swvs
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["deelnemers"].label_from_instance = lambda g: (
            g.get_full_name() or g.get_username()
        )
