"""Forms parse input; the services decide. Choice fields get scoped querysets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from swv.forms import DatumVeld, GeboortedatumVeld, binnen_jaren, redelijke_datum_formfield
from swv.models import Samenwerkingsverband, School, Schoolsoort
from swv.selectors import samenwerkingsverbanden_voor, scholen_voor

from .models import (
    HERKOMST_MET_NAAM,
    HERKOMST_MET_SCHOOL,
    Aanvraag,
    Besluit,
    BezwaarBeslissing,
    BijlageSoort,
    Herkomst,
    Indiener,
    LbtAdvies,
    MdoRol,
    Verzendwijze,
)
from .rules import begeleidt
from .services import VELDEN
from .services.aanvraag import GEWENSTE_SCHOOLSOORTEN, herkomst_van
from .services.beschikking import ontvangende_soorten

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersieForm(forms.Form):
    """Carries the version the user saw, for optimistic locking."""

    versie = forms.IntegerField(widget=forms.HiddenInput)


class AanvraagForm(forms.ModelForm):
    herkomst = forms.ChoiceField(
        label=_("Waar komt de leerling vandaan?"),
        choices=(),
        required=False,
        help_text=_("Leeg: volgt uit de gekozen school van herkomst."),
    )
    school = forms.ModelChoiceField(
        label=_("School van herkomst"),
        queryset=School.objects.none(),
        required=False,
        help_text=_("Bij een reguliere school, een SO-school of de huidige S(B)O-school."),
    )
    swv = forms.ModelChoiceField(
        label=_("Samenwerkingsverband"),
        queryset=Samenwerkingsverband.objects.none(),
        required=False,
        help_text=_("Alleen zonder school van herkomst: het SWV dat de aanvraag behandelt."),
    )

    class Meta:
        model = Aanvraag
        fields = ["herkomst", "school", "swv", *VELDEN]
        # Every date 1900..2100; the birth date also not in the future and at most 25
        # years ago (the services check it again, with the age against the groep).
        formfield_callback = redelijke_datum_formfield
        field_classes = {"geboortedatum": GeboortedatumVeld}
        widgets = {
            "geboortedatum": DATUM,
            "ingangsdatum": DATUM,
            "einddatum": DATUM,
            "ondersteuningsbehoeften": forms.Textarea(attrs={"rows": 4}),
            "niveaus_1_4": forms.Textarea(attrs={"rows": 4}),
            "zienswijze_ouders": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "einddatum": _(
                "Meestal 31 juli van een schooljaar. Leeg laten bij 'hele schoolloopbaan'."
            ),
            "groep": _("1 tot en met 8."),
            "herkomst_naam": _(
                "Bij een voorschoolse voorziening, residentiële instelling of school buiten "
                "het samenwerkingsverband."
            ),
        }

    opp = forms.FileField(label=_("OPP / Duiden & Doen (PDF of Word, max. 10 MB)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scholen = scholen_voor(user).binnen_swv().filter(swv__isnull=False)
        self.fields["school"].queryset = scholen.filter(
            soort__in=[Schoolsoort.BAO, Schoolsoort.SO, Schoolsoort.SO_VSO]
        ).order_by("naam")
        # Without a school of origin only the trajectbegeleider or SWV office files.
        keuzes = [
            (k, label)
            for k, label in Herkomst.choices
            if k != Herkomst.GESPECIALISEERD and (k in HERKOMST_MET_SCHOOL or begeleidt(user))
        ]
        self.fields["herkomst"].choices = keuzes
        self.fields["herkomst"].initial = Herkomst.REGULIER
        swvs = samenwerkingsverbanden_voor(user).order_by("code")
        self.fields["swv"].queryset = swvs
        if user.rol == "school":
            self.fields["school"].initial = user.school_id
        # The receiving school may lie in any SWV (S(B)O schools are few): of a PO
        # aanvraag only SO/SBO, of a VO aanvraag only VSO (services check it per case).
        sectoren = (
            {self.instance.swv.sector} if self.instance.pk else {s.sector for s in swvs} or {"PO"}
        )
        soorten = {soort for sector in sectoren for soort in GEWENSTE_SCHOOLSOORTEN.get(sector, ())}
        self.fields["gewenste_school"].queryset = (
            School.objects.binnen_swv().filter(soort__in=sorted(soorten)).order_by("naam")
        )
        self.fields["groep"].widget.attrs.update({"min": 1, "max": 8})
        if self.instance.pk:
            for veld in ("herkomst", "school", "swv", "opp"):
                self.fields.pop(veld)
            if self.instance.herkomst not in HERKOMST_MET_NAAM:
                self.fields.pop("herkomst_naam")
                self.fields.pop("herkomst_gemeente")
        elif len(swvs) <= 1:
            self.fields.pop("swv")

    def clean_groep(self):
        groep = self.cleaned_data.get("groep")
        if groep is not None and not 1 <= groep <= 8:
            raise forms.ValidationError(_("Vul een groep van 1 tot en met 8 in."))
        return groep

    def clean(self):
        data = super().clean()
        ingang, eind = data.get("ingangsdatum"), data.get("einddatum")
        if data.get("hele_schoolloopbaan") and eind:
            self.add_error(
                "einddatum",
                _(
                    "Laat de einddatum leeg bij een TLV voor de hele schoolloopbaan, of vink "
                    "'hele schoolloopbaan' uit."
                ),
            )
        elif ingang and eind and eind < ingang:
            self.add_error("einddatum", _("De einddatum ligt vóór de ingangsdatum."))
        if data.get("soort") == "SO" and not data.get("categorie"):
            self.add_error("categorie", _("Kies de bekostigingscategorie voor een TLV SO."))
        if data.get("soort") == "SBO":
            data["categorie"] = ""
        herkomst = data.get("herkomst")
        if "herkomst" in self.fields:
            if not herkomst and data.get("school"):
                herkomst = data["herkomst"] = herkomst_van(data["school"])
            if not herkomst:
                self.add_error("herkomst", _("Kies waar de leerling vandaan komt."))
            elif herkomst in HERKOMST_MET_SCHOOL and not data.get("school"):
                self.add_error("school", _("Kies de school van herkomst."))
            elif herkomst and herkomst not in HERKOMST_MET_SCHOOL:
                data["school"] = None
        return data

    def gegevens(self) -> dict:
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("herkomst", "school", "swv", "opp")
        }


class BijlageForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=BijlageSoort.choices)
    bestand = forms.FileField(label=_("Bestand (PDF of Word, max. 10 MB)"))


class IndienenForm(VersieForm):
    ontvangen_op = DatumVeld(
        label=_("Datum van ontvangst"),
        required=False,
        widget=DATUM,
        help_text=_("Leeg = vandaag. De beslistermijn van 8 weken begint de dag erna."),
    )


class VerdagenForm(VersieForm):
    tot = DatumVeld(
        label=_("Nieuwe uiterste beslisdatum"), widget=DATUM, validators=[binnen_jaren(2)]
    )
    toelichting = forms.CharField(
        label=_("Reden (staat in de mededeling aan de aanvrager)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MdoForm(VersieForm):
    datum = DatumVeld(label=_("Datum MDO"), widget=DATUM)
    ondersteuningsbehoeften = forms.CharField(
        label=_("Ondersteuningsbehoeften"), widget=forms.Textarea(attrs={"rows": 3})
    )
    doelen = forms.CharField(
        label=_("Doelen van plaatsing"), widget=forms.Textarea(attrs={"rows": 3})
    )
    plaatsingsdatum = DatumVeld(label=_("Plaatsingsdatum"), required=False, widget=DATUM)
    looptijd = forms.CharField(label=_("Looptijd"), required=False, max_length=120)
    terugkeer = forms.CharField(
        label=_("Mogelijkheden van terugkeer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    leerlingenvervoer = forms.CharField(
        label=_("Leerlingenvervoer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    afspraken = forms.CharField(
        label=_("Afspraken met gemeente en zorg"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    oordeel_toelaatbaar = forms.TypedChoiceField(
        label=_("Oordeel van het MDO"),
        choices=[("ja", _("Toelaatbaar")), ("nee", _("Niet toelaatbaar"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    overeenstemming = forms.TypedChoiceField(
        label=_("Overeenstemming tussen de deelnemers"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )

    AANTAL_DEELNEMERS = 8

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(self.AANTAL_DEELNEMERS):
            self.fields[f"deelnemer_{i}_naam"] = forms.CharField(
                label=_("Deelnemer %(n)s: naam") % {"n": i + 1}, required=False, max_length=120
            )
            self.fields[f"deelnemer_{i}_rol"] = forms.ChoiceField(
                label=_("Deelnemer %(n)s: rol") % {"n": i + 1},
                required=False,
                choices=[("", "---------"), *MdoRol.choices],
            )

    def deelnemer_velden(self):
        return [
            (self[f"deelnemer_{i}_naam"], self[f"deelnemer_{i}_rol"])
            for i in range(self.AANTAL_DEELNEMERS)
        ]

    def clean(self):
        data = super().clean()
        deelnemers = []
        for i in range(self.AANTAL_DEELNEMERS):
            naam = (data.get(f"deelnemer_{i}_naam") or "").strip()
            rol = data.get(f"deelnemer_{i}_rol") or ""
            if naam and not rol:
                self.add_error(f"deelnemer_{i}_rol", _("Kies de rol van deze deelnemer."))
            elif rol and not naam:
                self.add_error(f"deelnemer_{i}_naam", _("Vul de naam van deze deelnemer in."))
            elif naam:
                deelnemers.append({"naam": naam, "rol": rol})
        data["deelnemers"] = deelnemers
        return data

    def gegevens(self) -> dict:
        velden = [
            "datum",
            "ondersteuningsbehoeften",
            "doelen",
            "plaatsingsdatum",
            "looptijd",
            "terugkeer",
            "leerlingenvervoer",
            "afspraken",
            "oordeel_toelaatbaar",
            "overeenstemming",
            "deelnemers",
        ]
        return {k: self.cleaned_data[k] for k in velden}


class ToewijzenForm(VersieForm):
    deskundige = forms.ModelChoiceField(label=_("Deskundige"), queryset=None)

    def __init__(self, *args, deskundigen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deskundige"].queryset = deskundigen


class AdviesForm(forms.Form):
    toelaatbaar = forms.TypedChoiceField(
        label=_("Advies"),
        choices=[("ja", _("Toelaatbaar")), ("nee", _("Niet toelaatbaar"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 5}))
    datum = DatumVeld(label=_("Datum advies"), widget=DATUM)


class BeschikkingForm(VersieForm):
    besluit = forms.ChoiceField(
        label=_("Besluit"), choices=Besluit.choices, widget=forms.RadioSelect
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht als u afwijkt van de adviezen of als die niet eensluidend zijn."),
    )
    ingangsdatum = DatumVeld(label=_("Ingangsdatum"), required=False, widget=DATUM)
    einddatum = DatumVeld(label=_("Einddatum"), required=False, widget=DATUM)
    verzonden_op = DatumVeld(
        label=_("Datum van verzending"),
        required=False,
        widget=DATUM,
        help_text=_("Leeg = vandaag. De bezwaartermijn begint de dag erna."),
    )
    verzendwijze = forms.ChoiceField(label=_("Verzendwijze"), choices=Verzendwijze.choices)
    aan_naam = forms.CharField(
        label=_("Naam ouders/verzorgers (geadresseerde)"),
        required=False,
        max_length=200,
        help_text=_("Per post of aangetekend: komt in het venster van de envelop."),
    )
    aan_adres = forms.CharField(
        label=_("Adres"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Straat en huisnummer; postcode en plaats (twee regels)."),
    )

    def clean(self):
        data = super().clean()
        if data.get("verzendwijze") in (Verzendwijze.POST, Verzendwijze.AANGETEKEND):
            if not (data.get("aan_naam") or "").strip():
                self.add_error(
                    "aan_naam",
                    _("Per post: vul de naam in die in het venster van de envelop komt."),
                )
            regels = [r for r in (data.get("aan_adres") or "").splitlines() if r.strip()]
            if len(regels) < 2:
                self.add_error(
                    "aan_adres",
                    _(
                        "Per post: vul het adres in op twee regels (straat en huisnummer; postcode en plaats)."
                    ),
                )
        return data


class BezwaarForm(VersieForm):
    indiener = forms.ChoiceField(label=_("Ingediend door"), choices=Indiener.choices)
    ontvangen_op = DatumVeld(label=_("Ontvangen op"), widget=DATUM)
    gronden = forms.CharField(
        label=_("Gronden van het bezwaar"), widget=forms.Textarea(attrs={"rows": 4})
    )
    adviescommissie_gemeld = forms.BooleanField(
        label=_("Aan de partijen is meegedeeld dat de LBT adviseert (beslistermijn 12 weken)"),
        required=False,
        initial=True,
    )


# One form per step of handling a bezwaar (stappen.BEZWAAR_BEHANDELING). The fields are
# optional here: the service says what a step needs, in the words of the Awb.
class BezwaarOntvangstForm(VersieForm):
    datum = DatumVeld(label=_("Ontvangstbevestiging verstuurd op"), required=False, widget=DATUM)


class BezwaarLbtForm(VersieForm):
    verweerschrift = forms.CharField(
        label=_("Verweerschrift"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BezwaarHoorzittingForm(VersieForm):
    uitnodiging_op = DatumVeld(label=_("Uitnodiging verstuurd op"), required=False, widget=DATUM)
    hoorzitting_op = DatumVeld(label=_("Datum hoorzitting"), required=False, widget=DATUM)


class BezwaarAdviesForm(VersieForm):
    uitkomst = forms.ChoiceField(
        label=_("Advies van de LBT"),
        required=False,
        choices=LbtAdvies.choices,
        widget=forms.RadioSelect,
    )
    advies = forms.CharField(
        label=_("Motivering van het advies (samenvatting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    datum = DatumVeld(label=_("Advies ontvangen op"), required=False, widget=DATUM)


class BezwaarBeslissingForm(VersieForm):
    beslissing = forms.ChoiceField(
        label=_("Beslissing op bezwaar"),
        choices=BezwaarBeslissing.choices,
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))


class TerugplaatsingForm(VersieForm):
    datum = DatumVeld(label=_("Datum terugplaatsing"), widget=DATUM)
    knooppunt_op = DatumVeld(label=_("Datum knooppunt"), widget=DATUM)
    ontvangende_school = forms.ModelChoiceField(
        label=_("Ontvangende school"),
        queryset=School.objects.none(),
        help_text=_("Een reguliere school; vanuit het SO ook een SBO-school."),
    )
    warme_overdracht = forms.CharField(
        label=_("Afspraken warme overdracht"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, zaak=None, **kwargs):
        super().__init__(*args, **kwargs)
        soorten = ontvangende_soorten(zaak) if zaak is not None else (Schoolsoort.BAO,)
        regulier = scholen_voor(user).filter(soort=Schoolsoort.BAO)
        # SBO schools may lie in any SWV, as the gewenste school of an aanvraag.
        sbo = School.objects.binnen_swv().filter(soort=Schoolsoort.SBO)
        qs = regulier | sbo if Schoolsoort.SBO in soorten else regulier
        self.fields["ontvangende_school"].queryset = qs.order_by("soort", "naam")


class NazorgForm(forms.Form):
    """One nazorg moment: planned date, and once held its date and findings. Without
    `moment` an extra moment is planned."""

    moment = forms.IntegerField(widget=forms.HiddenInput, required=False)
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=120, required=False)
    datum_gepland = DatumVeld(label=_("Datum gepland"), widget=DATUM)
    gehouden_op = DatumVeld(label=_("Gehouden op"), required=False, widget=DATUM)
    bevindingen = forms.CharField(
        label=_("Bevindingen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IntrekkenForm(VersieForm):
    toelichting = forms.CharField(
        label=_("Reden van intrekken"), widget=forms.Textarea(attrs={"rows": 2})
    )
