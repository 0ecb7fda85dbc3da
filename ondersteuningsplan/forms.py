"""Forms of the plan pages. Errors are Dutch and sit next to the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from swv.forms import DatumVeld, binnen_jaren
from swv.selectors import samenwerkingsverbanden_voor

from .models import (
    Kpi,
    KpiType,
    Ondersteuningsplan,
    Ontwikkelactie,
    OogoUitkomst,
    OprUitkomst,
    Speerpunt,
    VademecumDocument,
)
from .streefwaarden import lees
from .vereisten import keuzes

MAX_BESTAND = 20 * 1024 * 1024


class PlanAanmakenForm(forms.ModelForm):
    class Meta:
        model = Ondersteuningsplan
        fields = ["titel", "startjaar", "eindjaar", "samenwerkingsverbanden"]
        widgets = {"samenwerkingsverbanden": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["samenwerkingsverbanden"].queryset = samenwerkingsverbanden_voor(user).order_by(
            "code"
        )


class PlanTekstForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=250)
    startjaar = forms.IntegerField(
        label=_("Eerste schooljaar (beginjaar)"), min_value=2000, max_value=2100
    )
    eindjaar = forms.IntegerField(
        label=_("Laatste schooljaar (beginjaar)"), min_value=2000, max_value=2100
    )
    motto = forms.CharField(label=_("Motto"), max_length=250, required=False)
    missie = forms.CharField(
        label=_("Missie"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    visie = forms.CharField(
        label=_("Visie"), widget=forms.Textarea(attrs={"rows": 6}), required=False,
        help_text=_("Eén punt per regel."),
    )  # fmt: skip
    strategie = forms.CharField(
        label=_("Strategie"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    bewerkversie = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        s, e = data.get("startjaar"), data.get("eindjaar")
        if s and e and not (s <= e <= s + 5):
            self.add_error(
                "eindjaar",
                _("Een plan loopt hoogstens zes schooljaren, en eindigt niet voor het begint."),
            )
        return data


class HoofdstukForm(forms.Form):
    volgorde = forms.IntegerField(label=_("Nummer"), min_value=0, max_value=999)
    titel = forms.CharField(label=_("Titel"), max_length=250)
    tekst = forms.CharField(
        label=_("Tekst"), required=False, widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Opmaak met Markdown: **vet**, *cursief*, lijstjes met -, kopjes met ###. "
                    "HTML wordt niet overgenomen."),
    )  # fmt: skip
    eisen = forms.MultipleChoiceField(
        label=_("Dit hoofdstuk behandelt"), required=False, choices=keuzes,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SpeerpuntForm(forms.ModelForm):
    # The version the form was opened on: a save over a later one is refused (conflict).
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Speerpunt
        fields = [
            "code",
            "titel",
            "resultaatgebied",
            "legitimatie",
            "beoogde_resultaten",
            "volgorde",
        ]
        widgets = {
            "resultaatgebied": forms.Textarea(attrs={"rows": 2}),
            "legitimatie": forms.Textarea(attrs={"rows": 3}),
            "beoogde_resultaten": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        dubbel = Speerpunt.objects.filter(plan=self.instance.plan, code=code).exclude(
            pk=self.instance.pk
        )
        if dubbel.exists():
            raise ValidationError(
                _("Dit plan heeft al een speerpunt met code %(c)s."), params={"c": code}
            )
        return code


class KpiForm(forms.ModelForm):
    """A KPI of the KPI app plus one streefwaarde field per school year of the plan,
    written as the seeds write them ('< 10', '25%') and checked against the KPI's type."""

    class Meta:
        model = Kpi
        fields = [
            "naam", "type", "eenheid", "richting", "schaal_min", "schaal_max", "nulmeting",
            "meetmethode", "frequentie", "bron", "volgorde",
        ]  # fmt: skip
        widgets = {"meetmethode": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        bestaand = {}
        if self.instance.pk:
            bestaand = {s.schooljaar: s for s in self.instance.streefwaarden.all()}
        for jaar, label in plan.schooljaar_labels:
            self.fields[f"streef_{jaar}"] = forms.CharField(
                label=_("Streefwaarde %(jaar)s") % {"jaar": label},
                required=False,
                max_length=30,
                initial=bestaand[jaar].weergave if jaar in bestaand else "",
                help_text=_("Bijvoorbeeld < 10, 0, 25% of ≥ 7,5. Leeg = nog niet bepaald."),
            )

    def clean(self):
        data = super().clean()
        kpi_type = data.get("type") or KpiType.AANTAL
        proef = Kpi(
            type=kpi_type, schaal_min=data.get("schaal_min"), schaal_max=data.get("schaal_max")
        )
        if (
            kpi_type == KpiType.SCORE
            and proef.schaal_min is not None
            and proef.schaal_max is not None
        ) and proef.schaal_min >= proef.schaal_max:
            self.add_error("schaal_max", _("De schaal loopt van laag naar hoog."))
        self.streefwaarden = {}
        for jaar in self.plan.schooljaren:
            naam = f"streef_{jaar}"
            tekst = (data.get(naam) or "").strip()
            if not tekst:
                self.streefwaarden[jaar] = None
                continue
            try:
                comparator, waarde = lees(tekst, kpi_type)
                proef.waarde_controleren(waarde)
            except ValidationError as fout:
                self.add_error(naam, fout)
                continue
            self.streefwaarden[jaar] = (comparator, waarde)
        return data


class ActieForm(forms.ModelForm):
    class Meta:
        model = Ontwikkelactie
        fields = [
            "speerpunt",
            "omschrijving",
            "van_schooljaar",
            "tot_schooljaar",
            "proceseigenaar",
            "status",
        ]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speerpunt"].queryset = plan.speerpunten.order_by("volgorde", "code")
        jaren = plan.schooljaar_labels
        self.fields["van_schooljaar"] = forms.TypedChoiceField(
            label=_("Vanaf schooljaar"), choices=jaren, coerce=int
        )
        self.fields["tot_schooljaar"] = forms.TypedChoiceField(
            label=_("Tot en met schooljaar"), choices=jaren, coerce=int
        )

    def clean(self):
        data = super().clean()
        van, tot = data.get("van_schooljaar"), data.get("tot_schooljaar")
        if van is not None and tot is not None and tot < van:
            self.add_error("tot_schooljaar", _("Het laatste schooljaar ligt niet voor het eerste."))
        return data


class DocumentForm(forms.ModelForm):
    class Meta:
        model = VademecumDocument
        fields = ["soort", "titel", "status", "bestand", "volgorde"]

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if bestand and getattr(bestand, "size", 0) > MAX_BESTAND:
            raise ValidationError(_("Een bestand is hoogstens 20 MB."))
        if (
            bestand
            and hasattr(bestand, "name")
            and not bestand.name.lower().endswith((".pdf", ".docx", ".xlsx", ".odt"))
        ):
            raise ValidationError(_("Alleen PDF, Word, Excel of OpenDocument."))
        return bestand


class OogoForm(forms.Form):
    """One meeting with one or more gemeenten (often all of the region at once)."""

    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alle gemeenten waarmee dit overleg is gevoerd."),
        error_messages={"required": _("Kies minstens één gemeente.")},
    )  # fmt: skip
    datum = DatumVeld(label=_("Datum overleg"), validators=[binnen_jaren(5)])
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=OogoUitkomst.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeenten"].queryset = gemeenten


class OprBesluitForm(forms.Form):
    datum = DatumVeld(label=_("Datum vergadering"), validators=[binnen_jaren(5)])
    stemmen_voor = forms.IntegerField(label=_("Stemmen voor"), min_value=0, max_value=200)
    stemmen_tegen = forms.IntegerField(label=_("Stemmen tegen"), min_value=0, max_value=200)
    onthoudingen = forms.IntegerField(
        label=_("Onthoudingen"), min_value=0, max_value=200, initial=0
    )
    uitkomst = forms.ChoiceField(
        label=_("Besluit"), choices=OprUitkomst.choices, widget=forms.RadioSelect
    )
    motivering = forms.CharField(
        label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij weigering."),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if (
            data.get("uitkomst") == OprUitkomst.WEIGERING
            and not (data.get("motivering") or "").strip()
        ):
            self.add_error("motivering", _("Een weigering moet gemotiveerd worden."))
        return data


class OpmerkingForm(forms.Form):
    sectie = forms.ChoiceField(label=_("Onderdeel van het plan"))
    tekst = forms.CharField(
        label=_("Opmerking"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args, secties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectie"].choices = [(s["sleutel"], s["titel"]) for s in secties]


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_("Reactie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    verwerkt = forms.BooleanField(label=_("Verwerkt in het plan"), required=False)


class StapBevestigenForm(forms.Form):
    """The confirmation of a step that is a legal fact with a date (vaststellen, naar de
    inspectie, publiceren). The service checks the date (services.stapdatum_controleren)."""

    datum = DatumVeld(label=_("Datum"))
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    bevestigd = forms.CharField(widget=forms.HiddenInput, initial="1")


class OvergangForm(forms.Form):
    toelichting = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
