import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.forms import redelijke_datum_formfield
from swv.roles import SWV_ROLLEN

from .models import (
    ACTIE_IN_DE_TOEKOMST,
    Kwartaal,
    Thuiszitter,
    ThuiszitterActie,
    ThuiszitterStatus,
    ThuiszitterType,
    Vrijstelling,
)
from .selectors import (
    bestuur_keuzes,
    scholen_voor_register,
    swv_keuzes,
    trajectbegeleider_keuzes,
)
from .services import thuiszitter_datumfouten


class DecimaalVeld(forms.DecimalField):
    """Accepts '12,5' as well as '12.5' (Dutch users type a comma)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").rstrip("%").replace(",", ".")
        return super().to_python(value)


class MetingForm(forms.Form):
    schooljaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int)
    kwartaal = forms.TypedChoiceField(
        label=_("Periode"), choices=Kwartaal.choices, coerce=int, initial=0
    )
    swv = forms.ModelChoiceField(
        label=_("Samenwerkingsverband"),
        queryset=None,
        required=False,
        empty_label=_("Hele plan"),
        help_text=_("Leeg laten voor een meting over het hele plan."),
    )
    bestuur = forms.ModelChoiceField(
        label=_("Of: schoolbestuur"),
        queryset=None,
        required=False,
        empty_label=_("Geen (niet per bestuur)"),
    )
    waarde = DecimaalVeld(
        label=_("Waarde"),
        max_digits=12,
        decimal_places=2,
        localize=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("Vul een getal in, bijvoorbeeld 12 of 7,5."),
            "max_decimal_places": _("Gebruik hoogstens twee decimalen."),
        },
    )
    bron = forms.CharField(label=_("Bron"), max_length=200, required=False)
    toelichting = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    vervangen = forms.BooleanField(
        label=_("Ja, vervang de bestaande meting"), required=False, widget=forms.HiddenInput
    )
    # The version of the existing meting the user was shown and confirmed to replace.
    vervangen_versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kpi, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        plan = kpi.speerpunt.plan
        jaren = range(plan.startjaar - 2, plan.eindjaar + 1)
        self.fields["schooljaar"].choices = [(j, f"{j}-{j + 1}") for j in jaren]
        self.fields["swv"].queryset = swv_keuzes(user).filter(
            id__in=plan.samenwerkingsverbanden.values("id")
        )
        self.fields["bestuur"].queryset = (
            bestuur_keuzes(user)
            .filter(scholen__swv__in=plan.samenwerkingsverbanden.all())
            .distinct()
        )
        if kpi.type == "ja_nee":
            self.fields["waarde"].help_text = _("1 = ja, 0 = nee.")
        elif kpi.type == "percentage":
            self.fields["waarde"].help_text = _("Een percentage van 0 tot 100.")
        elif kpi.type == "score" and kpi.schaal_max is not None:
            self.fields["waarde"].help_text = _("Een score van %(van)s tot %(tot)s.") % {
                "van": kpi.schaal_min if kpi.schaal_min is not None else 0,
                "tot": kpi.schaal_max,
            }

    def clean(self):
        data = super().clean()
        if data.get("swv") and data.get("bestuur"):
            self.add_error(
                "bestuur", _("Kies een samenwerkingsverband óf een bestuur, niet allebei.")
            )
        waarde = data.get("waarde")
        if waarde is not None:
            try:
                self.kpi.waarde_controleren(waarde)
            except ValidationError as fout:
                self.add_error("waarde", fout)
        return data


_BSN = re.compile(r"\d{8,9}")


class ThuiszitterForm(forms.ModelForm):
    # The version the form was opened on (kpi.services.thuiszitter_wijzigen); empty on a
    # new registration.
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Thuiszitter
        formfield_callback = redelijke_datum_formfield
        fields = [
            "school",
            "pseudoniem",
            "geboortejaar",
            "type",
            "vrijstelling",
            "startdatum",
            "einddatum",
            "status",
            "trajectbegeleider",
        ]
        widgets = {
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = scholen_voor_register(user)
        self.fields["type"].choices = ThuiszitterType.choices
        self.fields["vrijstelling"].choices = [("", _("n.v.t.")), *Vrijstelling.choices]
        self.fields["status"].choices = ThuiszitterStatus.choices
        self.fields["geboortejaar"].error_messages["invalid"] = _("Vul een jaartal in.")
        if user.rol in SWV_ROLLEN or user.is_superuser:
            self.fields["trajectbegeleider"].queryset = trajectbegeleider_keuzes(user)
            self.fields["trajectbegeleider"].empty_label = _(
                "Nog niemand (alle trajectbegeleiders)"
            )
        else:
            # A school or bestuur records the case; the SWV assigns the trajectbegeleider.
            del self.fields["trajectbegeleider"]

    def clean_pseudoniem(self):
        waarde = self.cleaned_data["pseudoniem"].strip()
        if _BSN.search(waarde):
            raise ValidationError(
                _("Geen BSN of ander nummer: gebruik initialen of een pseudoniem.")
            )
        if len(waarde.split()) > 2:
            raise ValidationError(_("Geen volledige naam: gebruik initialen of een pseudoniem."))
        return waarde

    def clean(self):
        data = super().clean()
        soort, artikel = data.get("type"), data.get("vrijstelling")
        if soort == ThuiszitterType.VRIJSTELLING and not artikel:
            self.add_error("vrijstelling", _("Kies het artikel van de vrijstelling."))
        if soort and soort != ThuiszitterType.VRIJSTELLING and artikel:
            self.add_error("vrijstelling", _("Een artikel hoort alleen bij een vrijstelling."))
        start, eind, status = data.get("startdatum"), data.get("einddatum"), data.get("status")
        if start and eind and eind < start:
            self.add_error("einddatum", _("De einddatum ligt voor de startdatum."))
        if status == ThuiszitterStatus.LOPEND and eind:
            self.add_error("einddatum", _("Een lopende registratie heeft nog geen einddatum."))
        if status and status != ThuiszitterStatus.LOPEND and not eind:
            self.add_error("einddatum", _("Vul de einddatum in bij een afgesloten registratie."))
        # Dates that cannot be (future, before school age, a birth year that does not fit);
        # the same check as the service's, one message per field.
        fouten = thuiszitter_datumfouten(
            startdatum=start, einddatum=eind, geboortejaar=data.get("geboortejaar")
        )
        for veld, melding in fouten.items():
            if veld not in self.errors:
                self.add_error(veld, melding)
        return data

    def _post_clean(self):
        # The service does the saving; the model's constraints are checked there and in
        # clean() above, with messages next to the right field.
        pass


class ThuiszitterActieForm(forms.ModelForm):
    """One entry in a thuiszitter's action log. The service saves it."""

    class Meta:
        model = ThuiszitterActie
        formfield_callback = redelijke_datum_formfield
        fields = ["datum", "omschrijving", "betrokkenen"]
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "omschrijving": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate
        self.fields["omschrijving"].max_length = 2000
        self.fields["omschrijving"].validators.append(MaxLengthValidator(2000))

    def clean_datum(self):
        d = self.cleaned_data["datum"]
        if d > timezone.localdate():
            raise ValidationError(ACTIE_IN_DE_TOEKOMST)
        return d

    def _post_clean(self):
        # Saved by kpi.services.thuiszitter_actie_toevoegen, which checks again.
        pass
