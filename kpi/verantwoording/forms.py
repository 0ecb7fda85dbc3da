"""Forms: the guided report form (built from the round's template), new round, review.

Every field of the report form is optional: saving half a report is normal work. The
form only refuses what is malformed (an amount like "12,3.4", a score over 100, an
example number that is not an indicator of that part); completeness is checked when the
bestuur submits (volledigheid.py).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.forms import DatumVeld, binnen_jaren

from .bedragen import bedrag_invoer, bedrag_parsen, percentage_parsen, percentage_weergeven
from .models import Geldstroom, Sectie, Stand, Vraag, VraagSoort
from .services import AntwoordInvoer

TEKST_MAX = 20000


def _tekstvak(label, rijen=6, **kwargs):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": rijen, "class": "form-control"}),
        **kwargs,
    )


class BedragField(forms.CharField):
    """A euro amount in Dutch notation; cleans to Decimal (or None when empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "class": "form-control bedrag",
                    "inputmode": "decimal",
                    "autocomplete": "off",
                }
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return bedrag_invoer(value)

    def clean(self, value):
        value = super().clean(value)
        return bedrag_parsen(value)


class PercentageField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "form-control score", "inputmode": "decimal"}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return percentage_weergeven(value)

    def clean(self, value):
        return percentage_parsen(super().clean(value))


class AanwendingForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=250,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    bedrag = BedragField(label=_("Bedrag"))

    def clean(self):
        data = super().clean()
        omschrijving = (data.get("omschrijving") or "").strip()
        bedrag = data.get("bedrag")
        if "bedrag" in self.errors:
            return data
        if omschrijving and bedrag is None:
            self.add_error("bedrag", _("Vul het bedrag van deze aanwending in."))
        elif bedrag is not None and not omschrijving:
            self.add_error("omschrijving", _("Beschrijf waaraan dit bedrag is besteed."))
        return data


class BasisAanwendingFormSet(forms.BaseFormSet):
    def regels(self) -> list[tuple[str, object]]:
        return [
            (f.cleaned_data["omschrijving"].strip(), f.cleaned_data["bedrag"])
            for f in self.forms
            if f.cleaned_data.get("omschrijving") and f.cleaned_data.get("bedrag") is not None
        ]


AanwendingFormSet = forms.formset_factory(
    AanwendingForm, formset=BasisAanwendingFormSet, extra=3, max_num=40, validate_max=True
)


def _nummers(tekst: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", tekst or "")]


class VerslagForm(forms.Form):
    """The report form, one field set per question of the round that applies."""

    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, verslag, vragen, swvs, inhoud, **kwargs):
        self.verslag = verslag
        self.vragen = [v for v in vragen if v.geldt_voor(verslag)]
        self.swvs = swvs
        initial = {"versie": verslag.versie}
        for vraag in self.vragen:
            antwoord = inhoud["antwoorden"].get(vraag.id)
            if antwoord:
                initial[f"v{vraag.id}_tekst"] = antwoord.tekst
                initial[f"v{vraag.id}_score"] = antwoord.score
                initial[f"v{vraag.id}_nummers"] = antwoord.voorbeeld_nummers
                initial[f"v{vraag.id}_voorbeeld"] = antwoord.voorbeeld_tekst
            for indicator in vraag.indicatoren.all():
                initial[f"i{indicator.id}_stand"] = inhoud["standen"].get(indicator.id, "")
        for (swv_id, soort), bedrag in inhoud["ontvangen"].items():
            initial[f"b_{swv_id}_{soort}"] = bedrag
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for vraag in self.vragen:
            if vraag.soort == VraagSoort.HOOFDONDERDEEL:
                label = _("Hoe is de sturing belegd en geborgd in de interne processen?")
            else:
                label = _("Reflectie")
            self.fields[f"v{vraag.id}_tekst"] = _tekstvak(label, rijen=7)
            if vraag.soort == VraagSoort.ANKERPUNT:
                self.fields[f"v{vraag.id}_score"] = PercentageField(
                    label=_("Score SOP (%)"),
                    help_text=_("Gemiddelde score van uw scholen, bijvoorbeeld 96 of 83,5."),
                )
            if vraag.soort == VraagSoort.HOOFDONDERDEEL:
                for indicator in vraag.indicatoren.all():
                    self.fields[f"i{indicator.id}_stand"] = forms.ChoiceField(
                        label=f"{indicator.nummer}. {indicator.tekst}",
                        required=False,
                        choices=[("", _("— kies —"))] + list(Stand.choices),
                        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                    )
                self.fields[f"v{vraag.id}_nummers"] = forms.CharField(
                    label=_("Uitgewerkte indicator(en): nummer(s)"),
                    required=False,
                    max_length=50,
                    help_text=_("Bijvoorbeeld 7, of 20, 22."),
                    widget=forms.TextInput(attrs={"class": "form-control nummers"}),
                )
                self.fields[f"v{vraag.id}_voorbeeld"] = _tekstvak(
                    _("Uitwerking van de indicator(en)"), rijen=6
                )
        for swv in swvs:
            self.fields[f"b_{swv.id}_{Geldstroom.TERUGPLOEG}"] = BedragField(
                label=_("Terugploegregeling %(code)s") % {"code": swv.code}
            )
            if verslag.heeft_speciaal:
                self.fields[f"b_{swv.id}_{Geldstroom.DOELGROEP}"] = BedragField(
                    label=_("Doelgroepfinanciering %(code)s") % {"code": swv.code}
                )

    def clean(self):
        data = super().clean()
        for vraag in self.vragen:
            if vraag.soort != VraagSoort.HOOFDONDERDEEL:
                continue
            veld = f"v{vraag.id}_nummers"
            tekst = data.get(veld) or ""
            if not tekst.strip():
                continue
            if re.search(r"[^\d,;\s/en]", tekst):
                self.add_error(
                    veld, _("Noem alleen nummers van indicatoren, gescheiden door komma's.")
                )
                continue
            geldig = {i.nummer for i in vraag.indicatoren.all()}
            onbekend = [n for n in _nummers(tekst) if n not in geldig]
            if onbekend:
                self.add_error(
                    veld,
                    _(
                        "Indicator %(nummers)s hoort niet bij %(titel)s (kies uit %(van)s t/m %(tot)s)."
                    )
                    % {
                        "nummers": ", ".join(map(str, onbekend)),
                        "titel": vraag.titel,
                        "van": min(geldig) if geldig else "-",
                        "tot": max(geldig) if geldig else "-",
                    },
                )
            else:
                data[veld] = ", ".join(map(str, _nummers(tekst)))
        return data

    # Structured access for the template and the service.

    def onderdelen(self, sectie: str) -> list[dict]:
        uit = []
        for vraag in self.vragen:
            if vraag.sectie != sectie:
                continue
            uit.append(
                {
                    "vraag": vraag,
                    "tekst": self[f"v{vraag.id}_tekst"],
                    "score": self[f"v{vraag.id}_score"]
                    if vraag.soort == VraagSoort.ANKERPUNT
                    else None,
                    "nummers": self[f"v{vraag.id}_nummers"]
                    if vraag.soort == VraagSoort.HOOFDONDERDEEL
                    else None,
                    "voorbeeld": self[f"v{vraag.id}_voorbeeld"]
                    if vraag.soort == VraagSoort.HOOFDONDERDEEL
                    else None,
                    "indicatoren": [(i, self[f"i{i.id}_stand"]) for i in vraag.indicatoren.all()]
                    if vraag.soort == VraagSoort.HOOFDONDERDEEL
                    else [],
                }
            )
        return uit

    def resultaat(self):
        return self.onderdelen(Sectie.RESULTAAT)

    def proces(self):
        return self.onderdelen(Sectie.PROCES)

    def extra(self):
        return self.onderdelen(Sectie.EXTRA)

    def bedrag_rijen(self) -> list[dict]:
        soorten = [Geldstroom.TERUGPLOEG] + (
            [Geldstroom.DOELGROEP] if self.verslag.heeft_speciaal else []
        )
        return [
            {
                "label": Geldstroom(soort).label,
                "velden": [(swv, self[f"b_{swv.id}_{soort}"]) for swv in self.swvs],
            }
            for soort in soorten
        ]

    def antwoorden(self) -> dict[int, AntwoordInvoer]:
        d = self.cleaned_data
        return {
            vraag.id: AntwoordInvoer(
                tekst=d.get(f"v{vraag.id}_tekst") or "",
                score=d.get(f"v{vraag.id}_score"),
                voorbeeld_nummers=d.get(f"v{vraag.id}_nummers") or "",
                voorbeeld_tekst=d.get(f"v{vraag.id}_voorbeeld") or "",
            )
            for vraag in self.vragen
        }

    def standen(self) -> dict[int, str]:
        return {
            i.id: self.cleaned_data.get(f"i{i.id}_stand")
            for vraag in self.vragen
            for i in vraag.indicatoren.all()
            if self.cleaned_data.get(f"i{i.id}_stand")
        }

    def ontvangen(self) -> dict:
        uit = {}
        for naam, waarde in self.cleaned_data.items():
            if naam.startswith("b_"):
                _b, swv_id, soort = naam.split("_", 2)
                uit[(int(swv_id), soort)] = waarde
        return uit


# A round's deadline lies within a few years of today (never year 9999).
DEADLINE_BINNEN = binnen_jaren(5)


class RondeForm(forms.Form):
    schooljaar = forms.IntegerField(
        label=_("Schooljaar (beginjaar)"),
        min_value=2014,
        max_value=2100,
        help_text=_("Bijvoorbeeld 2024 voor schooljaar 2024-2025."),
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    deadline = DatumVeld(
        label=_("Uiterste inleverdatum"),
        validators=[DEADLINE_BINNEN],
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    samenwerkingsverbanden = forms.ModelMultipleChoiceField(
        label=_("Samenwerkingsverbanden"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    besturen = forms.ModelMultipleChoiceField(
        label=_("Besturen die verantwoording afleggen"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Besturen met scholen in de gekozen samenwerkingsverbanden."),
    )

    def __init__(self, *args, swvs, besturen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["samenwerkingsverbanden"].queryset = swvs
        self.fields["besturen"].queryset = besturen

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise ValidationError(_("Kies een datum in de toekomst."))
        return deadline

    def clean(self):
        data = super().clean()
        swvs = data.get("samenwerkingsverbanden")
        besturen = data.get("besturen")
        if swvs and besturen:
            from .selectors import besturen_in_swvs

            passend = set(besturen_in_swvs([s.id for s in swvs]).values_list("id", flat=True))
            buiten = [b.naam for b in besturen if b.id not in passend]
            if buiten:
                self.add_error(
                    "besturen",
                    _("Geen scholen in de gekozen samenwerkingsverbanden: %(namen)s.")
                    % {"namen": ", ".join(buiten)},
                )
        return data


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("accepteren", _("Accepteren")), ("teruggeven", _("Teruggeven aan het bestuur"))],
        widget=forms.RadioSelect,
    )
    opmerking = forms.CharField(
        label=_("Opmerking voor het bestuur"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=_("Verplicht bij teruggeven: wat moet het bestuur aanvullen?"),
    )

    def clean(self):
        data = super().clean()
        if data.get("besluit") == "teruggeven" and not (data.get("opmerking") or "").strip():
            self.add_error(
                "opmerking", _("Schrijf bij het teruggeven wat het bestuur moet aanvullen.")
            )
        return data


class VraagForm(forms.ModelForm):
    # The part's version the form was opened on: a save over a newer one is refused.
    versie = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Vraag
        fields = ["titel", "kop", "toelichting", "verplicht", "alleen_speciaal"]
        widgets = {
            "titel": forms.TextInput(attrs={"class": "form-control"}),
            "kop": forms.TextInput(attrs={"class": "form-control"}),
            "toelichting": forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            "verplicht": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "alleen_speciaal": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }


class IndicatorForm(forms.Form):
    nummer = forms.IntegerField(
        label=_("Nummer"),
        min_value=1,
        max_value=999,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    tekst = forms.CharField(
        label=_("Procesindicator"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("tekst") and not data.get("nummer"):
            self.add_error("nummer", _("Geef de indicator een nummer."))
        if data.get("nummer") and not (data.get("tekst") or "").strip():
            self.add_error("tekst", _("Vul de tekst van de indicator in (of maak de regel leeg)."))
        return data


class BasisIndicatorFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        nummers = [f.cleaned_data["nummer"] for f in self.forms if f.cleaned_data.get("nummer")]
        if len(set(nummers)) != len(nummers):
            raise ValidationError(_("Elk nummer van een procesindicator komt één keer voor."))

    def regels(self) -> list[tuple[int, str]]:
        return [
            (f.cleaned_data["nummer"], f.cleaned_data["tekst"].strip())
            for f in self.forms
            if f.cleaned_data.get("nummer") and (f.cleaned_data.get("tekst") or "").strip()
        ]


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=BasisIndicatorFormSet, extra=2, max_num=80
)
