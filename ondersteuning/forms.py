from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from leerlingen.models import Toestemming
from swv import formats
from swv.roles import SWV_ROLLEN
from swv.selectors import samenwerkingsverbanden_voor

from .models import Besluit, Doelbereik, Evaluatie, Ondersteuningsvraag, Soort, Vervolg

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _toestemmingen(user, leerling):
    return (
        Toestemming.objects.voor(user)
        .filter(leerling=leerling, ingetrokken_op__isnull=True)
        .order_by("-datum")
    )


class BijlageForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand (PDF of Word, max. 10 MB)"))


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
        self.fields["overleg"].label_from_instance = lambda o: (
            f"{o.nummer} ({formats.kort(o.datum)})"
        )


class BesluitForm(forms.Form):
    """The decision on a vraag; for a vraag of soort arrangement also the arrangement it
    grants (checked by the service when the decision is toekennen)."""

    versie = forms.IntegerField(widget=forms.HiddenInput)
    besluit = forms.ChoiceField(
        label=_("Besluit"), choices=Besluit.choices, widget=forms.RadioSelect
    )
    reden = forms.CharField(
        label=_("Reden (de school leest die)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    ARRANGEMENT_VELDEN = ("doelen", "uren_per_week", "budget", "startdatum", "einddatum", "school")

    def __init__(self, *args, vraag=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.met_arrangement = vraag is not None and vraag.soort == Soort.ARRANGEMENT
        if self.met_arrangement:
            self.fields.update(arrangement_velden(user, vraag.swv_id))
            self.fields["doelen"].help_text = _("Alleen nodig bij toekennen.")
            if not self.is_bound:
                self.initial.setdefault("school", vraag.school_id)

    def arrangement(self) -> dict | None:
        if not self.met_arrangement:
            return None
        return {naam: self.cleaned_data.get(naam) for naam in self.ARRANGEMENT_VELDEN}


def arrangement_velden(user, swv_id) -> dict:
    """Goals, hours and/or budget, period and the school that carries it out (a school of
    the SWV the user may see). Not required here: the service says what is missing."""
    from swv.selectors import scholen_voor

    scholen = scholen_voor(user).filter(swv_id=swv_id).order_by("naam", "vestigingscode")
    school = forms.ModelChoiceField(label=_("Uitvoerende school"), queryset=scholen, required=False)
    school.label_from_instance = lambda s: f"{s.naam} ({s.vestigingscode}, {s.plaats})"
    return {
        "doelen": forms.CharField(
            label=_("Doelen van het arrangement"), required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
        "uren_per_week": forms.DecimalField(
            label=_("Uren per week"), required=False, min_value=0, max_digits=5,
            decimal_places=2, localize=True,
            help_text=_("Uren, een budget, of allebei."),
        ),
        "budget": forms.DecimalField(
            label=_("Budget (EUR)"), required=False, min_value=0, max_digits=10,
            decimal_places=2, localize=True,
        ),
        "startdatum": forms.DateField(label=_("Startdatum"), required=False, widget=_DATUM),
        "einddatum": forms.DateField(label=_("Einddatum"), required=False, widget=_DATUM),
        "school": school,
    }  # fmt: skip


class EvaluatieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    moment = forms.ModelChoiceField(
        label=_("Evaluatiemoment"), queryset=Evaluatie.objects.none(), required=False,
        empty_label=_("Extra evaluatie (niet gepland)"),
    )  # fmt: skip
    gehouden_op = forms.DateField(label=_("Gehouden op"), widget=_DATUM)
    doelen = forms.ChoiceField(
        label=_("Doelen"), choices=Doelbereik.choices, widget=forms.RadioSelect
    )
    vervolg = forms.ChoiceField(
        label=_("Vervolg"), choices=Vervolg.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, momenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moment"].queryset = momenten
        self.fields["moment"].label_from_instance = lambda e: (
            _("gepland op %(d)s") % {"d": formats.kort(e.gepland_op)}
        )
        eerste = next(iter(momenten), None)
        if eerste is not None and not self.is_bound:
            self.initial.setdefault("moment", eerste.pk)


class BeeindigenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    einddatum = forms.DateField(label=_("Stopt op"), widget=_DATUM)
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class VerlengenForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput)
    reden = forms.CharField(
        label=_("Reden van de verlenging (de school leest die)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, arrangement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(arrangement_velden(user, arrangement.swv_id))
        if not self.is_bound:
            volgende = arrangement.einddatum + timedelta(days=1)
            self.initial.update(
                doelen=arrangement.doelen, uren_per_week=arrangement.uren_per_week,
                budget=arrangement.budget, school=arrangement.school_id, startdatum=volgende,
            )  # fmt: skip

    def gegevens(self) -> dict:
        return {naam: self.cleaned_data.get(naam) for naam in BesluitForm.ARRANGEMENT_VELDEN}


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
