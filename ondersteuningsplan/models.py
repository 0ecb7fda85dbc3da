"""The ondersteuningsplan (WPO art. 18a). Core models; the plan app builds on them."""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv import documenten
from swv.getallen import getal as nl_getal
from swv.models import Samenwerkingsverband
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie

# ---------------------------------------------------------------------------------------
# Workflow, content and review (issue 4). The status workflow is declared once, here.


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    CONSULTATIE = "consultatie", _("in consultatie")
    TER_INSTEMMING = "ter_instemming", _("ter instemming bij OPR en OOGO")
    VASTGESTELD = "vastgesteld", _("vastgesteld")
    BIJ_INSPECTIE = "bij_inspectie", _("verzonden aan inspectie")
    GEPUBLICEERD = "gepubliceerd", _("gepubliceerd")
    VERVANGEN = "vervangen", _("vervangen door nieuwe versie")


# Drafts sent to the OPR and everything after; what OPR members may read.
STATUS_VOOR_OPR = (
    PlanStatus.TER_INSTEMMING,
    PlanStatus.VASTGESTELD,
    PlanStatus.BIJ_INSPECTIE,
    PlanStatus.GEPUBLICEERD,
    PlanStatus.VERVANGEN,
)
# Adopted plans; what boards, schools and other SWV roles may read.
STATUS_VASTGESTELD = (
    PlanStatus.VASTGESTELD,
    PlanStatus.BIJ_INSPECTIE,
    PlanStatus.GEPUBLICEERD,
    PlanStatus.VERVANGEN,
)
# Content may change only while the plan is a draft.
STATUS_BEWERKBAAR = (PlanStatus.CONCEPT, PlanStatus.CONSULTATIE)


class Workflow(ConcurrentTransitionMixin, models.Model):
    """Abstract base holding the FSM field, so the transitions read as one table."""

    status = FSMField(
        _("status"), default=PlanStatus.CONCEPT, choices=PlanStatus.choices, protected=True
    )

    class Meta:
        abstract = True

    @transition(field=status, source=PlanStatus.CONCEPT, target=PlanStatus.CONSULTATIE)
    def naar_consultatie(self):
        pass

    @transition(
        field=status,
        source=[PlanStatus.CONCEPT, PlanStatus.CONSULTATIE],
        target=PlanStatus.TER_INSTEMMING,
    )
    def voorleggen(self):
        pass

    @transition(
        field=status,
        source=[PlanStatus.CONSULTATIE, PlanStatus.TER_INSTEMMING],
        target=PlanStatus.CONCEPT,
    )
    def terug_naar_concept(self):
        pass

    @transition(field=status, source=PlanStatus.TER_INSTEMMING, target=PlanStatus.VASTGESTELD)
    def vaststellen(self):
        pass

    @transition(field=status, source=PlanStatus.VASTGESTELD, target=PlanStatus.BIJ_INSPECTIE)
    def naar_inspectie(self):
        pass

    @transition(field=status, source=PlanStatus.BIJ_INSPECTIE, target=PlanStatus.GEPUBLICEERD)
    def publiceren(self):
        pass

    @transition(field=status, source=PlanStatus.GEPUBLICEERD, target=PlanStatus.VERVANGEN)
    def vervangen(self):
        pass


class Ondersteuningsplan(Workflow):
    titel = models.CharField(_("titel"), max_length=250)
    startjaar = models.PositiveSmallIntegerField(
        _("eerste schooljaar"),
        help_text=_("Het jaar waarin het eerste schooljaar begint, bv. 2022 voor 2022-2023."),
    )
    eindjaar = models.PositiveSmallIntegerField(
        _("laatste schooljaar"),
        help_text=_("Het jaar waarin het laatste schooljaar begint, bv. 2025 voor 2025-2026."),
    )
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband,
        related_name="ondersteuningsplannen",
        verbose_name=_("samenwerkingsverbanden"),
    )
    motto = models.CharField(_("motto"), max_length=250, blank=True)
    missie = models.TextField(_("missie"), blank=True)
    visie = models.TextField(_("visie"), blank=True, help_text=_("Eén punt per regel."))
    strategie = models.TextField(_("strategie"), blank=True)
    # Optimistic lock for the plan's own text fields (missie, visie, ...).
    bewerkversie = models.PositiveIntegerField(default=1, editable=False)
    # Raised by every write to the plan or its content (services._vergrendel): the key
    # of the cached PDF (PlanPdf), so a cached PDF never outlives an edit.
    inhoudversie = models.PositiveIntegerField(default=1, editable=False)
    vorige_versie = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wijzigingen",
        verbose_name=_("wijziging van"),
        help_text=_("Een vastgesteld plan wijzigt alleen via een nieuwe versie."),
    )
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    naar_inspectie_op = models.DateField(_("verzonden aan inspectie op"), null=True, blank=True)
    gepubliceerd_op = models.DateField(_("gepubliceerd op"), null=True, blank=True)
    # What was adopted is what we keep: the PDF rendered at vaststelling, never re-rendered.
    vastgestelde_pdf = documenten.veld(_("vastgestelde PDF"))
    aangemaakt_op = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-startjaar", "titel"]
        verbose_name = _("ondersteuningsplan")
        verbose_name_plural = _("ondersteuningsplannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(eindjaar__gte=F("startjaar")) & Q(eindjaar__lte=F("startjaar") + 5),
                name="plan_periode_geldig",
                violation_error_message=_(
                    "Het laatste schooljaar ligt op of na het eerste, hoogstens vijf jaar later."
                ),
            )
        ]

    def __str__(self):
        return f"{self.titel} ({self.periode})"

    def get_absolute_url(self):
        return reverse("ondersteuningsplan:detail", args=[self.pk])

    @property
    def weergavetitel(self) -> str:
        """The title as shown: an adopted plan is no "(concept)" any more, even when the
        draft was titled so."""
        if self.status in STATUS_VASTGESTELD:
            schoon = re.sub(r"\s*\(concept\)", "", self.titel, flags=re.IGNORECASE).strip()
            return schoon or self.titel
        return self.titel

    @property
    def periode(self) -> str:
        return f"{self.startjaar}-{self.eindjaar + 1}"

    @property
    def inspectie_uiterlijk(self):
        """Sent to the inspectie before 1 May preceding the first school year: the last
        day is 30 April of the start year."""
        import datetime

        return datetime.date(self.startjaar, 4, 30)

    @property
    def bewerkbaar(self) -> bool:
        return self.status in STATUS_BEWERKBAAR

    @property
    def eerste_schooljaar(self) -> str:
        return f"{self.startjaar}-{self.startjaar + 1}"

    @property
    def laatste_schooljaar(self) -> str:
        return f"{self.eindjaar}-{self.eindjaar + 1}"

    @property
    def schooljaar_labels(self) -> list[tuple[int, str]]:
        return [(j, f"{j}-{j + 1}") for j in self.schooljaren]

    @property
    def schooljaren(self) -> list[int]:
        """Start years of the school years the plan covers (2022 means 2022-2023)."""
        return list(range(self.startjaar, self.eindjaar + 1))

    def clean(self):
        super().clean()
        if (
            self.startjaar
            and self.eindjaar
            and not (self.startjaar <= self.eindjaar <= self.startjaar + 5)
        ):
            raise ValidationError(
                {
                    "eindjaar": _(
                        "Een plan loopt hoogstens zes schooljaren, en eindigt niet voor het begint."
                    )
                }
            )


class Speerpunt(models.Model):
    """A doelstelling or speerpunt of the plan (seed 000: A-F; seed 001: 1-5)."""

    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="speerpunten"
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("Bijvoorbeeld A of 3."))
    titel = models.CharField(_("titel"), max_length=300)
    resultaatgebied = models.TextField(_("resultaatgebied"), blank=True)
    legitimatie = models.TextField(_("legitimatie"), blank=True)
    beoogde_resultaten = models.TextField(_("beoogde resultaten"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    # Optimistic lock: the edit form names the version it was opened on.
    versie = models.PositiveIntegerField(default=1, editable=False)

    # The plan's content is seen with its plan (selectors.plannen_voor, the one rule):
    # `Speerpunt.objects.voor(user)`, likewise for every model below that points to a plan.
    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "volgorde", "code"]
        verbose_name = _("speerpunt")
        verbose_name_plural = _("speerpunten")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="speerpunt_code_uniek_per_plan")
        ]

    def __str__(self):
        return f"{self.code}. {self.titel}"


class Hoofdstuk(models.Model):
    """An ordered chapter of the plan; its text is Markdown, rendered through nh3."""

    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="hoofdstukken"
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    titel = models.CharField(_("titel"), max_length=250)
    tekst = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("Opmaak met Markdown: **vet**, *cursief*, lijstjes met -, kopjes met ###."),
    )
    eisen = models.JSONField(
        _("wettelijke eisen en kwaliteitseisen"),
        default=list,
        blank=True,
        help_text=_("Codes uit de eisentabel die dit hoofdstuk behandelt."),
    )
    # Optimistic lock: a save must name the version it started from.
    versie = models.PositiveIntegerField(default=1, editable=False)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "volgorde", "id"]
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")

    def __str__(self):
        return f"{self.volgorde}. {self.titel}"

    @property
    def sleutel(self) -> str:
        return f"h{self.pk}"


class ActieStatus(models.TextChoices):
    GEPLAND = "gepland", _("gepland")
    LOPEND = "lopend", _("loopt")
    AFGEROND = "afgerond", _("afgerond")
    VERVALLEN = "vervallen", _("vervallen")


class Ontwikkelactie(models.Model):
    """A line of the ontwikkelagenda: an action per speerpunt, planned over school years."""

    speerpunt = models.ForeignKey(Speerpunt, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField(_("actie"), max_length=400)
    van_schooljaar = models.PositiveSmallIntegerField(_("vanaf schooljaar"))
    tot_schooljaar = models.PositiveSmallIntegerField(_("tot en met schooljaar"))
    proceseigenaar = models.CharField(_("proceseigenaar"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActieStatus.choices, default=ActieStatus.GEPLAND
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = KindQuerySet.van("speerpunt__plan")

    class Meta:
        ordering = ["speerpunt", "volgorde", "id"]
        verbose_name = _("ontwikkelactie")
        verbose_name_plural = _("ontwikkelagenda")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot_schooljaar__gte=F("van_schooljaar")),
                name="actie_periode_geldig",
            )
        ]

    def __str__(self):
        return self.omschrijving

    def gepland_in(self, jaar: int) -> bool:
        return self.van_schooljaar <= jaar <= self.tot_schooljaar


class DocumentSoort(models.TextChoices):
    VADEMECUM = "vademecum", _("beleidsnotitie in het vademecum")
    BIJLAGE = "bijlage", _("informatieve bijlage")


class VademecumDocument(models.Model):
    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="documenten"
    )
    soort = models.CharField(
        _("soort"), max_length=10, choices=DocumentSoort.choices, default=DocumentSoort.VADEMECUM
    )
    titel = models.CharField(_("titel"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld 'vastgesteld in schooljaar 2018-2019' of 'wordt geactualiseerd'."
        ),
    )
    bestand = models.FileField(_("bestand"), upload_to="vademecum/", blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "soort", "volgorde", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("vademecum en bijlagen")

    def __str__(self):
        return self.titel


class Statusovergang(StatusHistorie):
    """The plan's timeline: one row per step (stappen.py), who, when, with a note."""

    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="overgangen"
    )
    # Blank `van`: the first row of a plan made as a new version of another.
    van = models.CharField(_("van"), max_length=20, choices=PlanStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=PlanStatus.choices)

    objects = KindQuerySet.van("plan")

    class Meta(StatusHistorie.Meta):
        ordering = ["plan", "tijdstip", "id"]
        verbose_name = _("statusovergang")
        verbose_name_plural = _("statusovergangen")

    def __str__(self):
        return f"{self.van} -> {self.naar}"


class PlanVersie(models.Model):
    """A frozen copy of the plan's sections, made when a draft goes to the OPR."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveSmallIntegerField()
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    aanleiding = models.CharField(max_length=200, blank=True)
    # [{"sleutel": "h12", "titel": "...", "tekst": "..."}, ...] in reading order.
    secties = models.JSONField(default=list)

    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "nummer"]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_uniek")]

    def __str__(self):
        return f"versie {self.nummer}"


class PlanPdf(models.Model):
    """The plan's PDF as rendered for one content version (`inhoudversie`), kept so a
    repeated download is served from the database instead of rendered again. The unique
    key makes the first request the one that renders (the others wait for it); a row
    without a document is that claim while it renders."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="pdfs")
    inhoudversie = models.PositiveIntegerField()
    met_toets = models.BooleanField(default=False)
    document = documenten.veld(_("PDF"))
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    objects = KindQuerySet.van("plan")

    class Meta:
        verbose_name = _("plan-PDF")
        verbose_name_plural = _("plan-PDF's")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "inhoudversie", "met_toets"], name="planpdf_een_per_versie"
            )
        ]

    def __str__(self):
        return f"PDF plan {self.plan_id} v{self.inhoudversie}"


class OogoUitkomst(models.TextChoices):
    OVEREENSTEMMING = "overeenstemming", _("overeenstemming")
    GEEN_OVEREENSTEMMING = "geen", _("geen overeenstemming")


class OogoOverleg(models.Model):
    """Op overeenstemming gericht overleg with one gemeente about this plan."""

    plan = models.ForeignKey(Ondersteuningsplan, on_delete=models.CASCADE, related_name="oogo")
    gemeente = models.ForeignKey(
        "swv.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    datum = models.DateField(_("datum overleg"))
    uitkomst = models.CharField(_("uitkomst"), max_length=16, choices=OogoUitkomst.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "gemeente__naam", "-datum", "-id"]
        verbose_name = _("OOGO")
        verbose_name_plural = _("OOGO")

    def __str__(self):
        return f"OOGO {self.gemeente_id} {self.datum}"


class OprUitkomst(models.TextChoices):
    INSTEMMING = "instemming", _("instemming")
    WEIGERING = "weigering", _("weigering")


class OprBesluit(models.Model):
    """The OPR's decision on a frozen version (WMS art. 14a)."""

    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="opr_besluiten"
    )
    versie = models.ForeignKey(PlanVersie, on_delete=models.PROTECT, related_name="opr_besluiten")
    datum = models.DateField(_("datum vergadering"))
    stemmen_voor = models.PositiveSmallIntegerField(_("stemmen voor"))
    stemmen_tegen = models.PositiveSmallIntegerField(_("stemmen tegen"))
    onthoudingen = models.PositiveSmallIntegerField(_("onthoudingen"), default=0)
    uitkomst = models.CharField(_("besluit"), max_length=10, choices=OprUitkomst.choices)
    motivering = models.TextField(_("motivering"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "datum", "id"]
        verbose_name = _("OPR-besluit")
        verbose_name_plural = _("OPR-besluiten")

    def __str__(self):
        return f"{self.uitkomst} {self.datum}"


class OprOpmerking(models.Model):
    """A comment of an OPR member on one section, with the staff's answer (reactienota)."""

    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="opmerkingen"
    )
    versie = models.ForeignKey(
        PlanVersie, on_delete=models.SET_NULL, null=True, blank=True, related_name="opmerkingen"
    )
    sectie = models.CharField(_("sectie"), max_length=20)
    sectie_titel = models.CharField(_("onderdeel"), max_length=250)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField(_("opmerking"))
    geplaatst_op = models.DateTimeField(default=timezone.now)
    antwoord = models.TextField(_("reactie"), blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    verwerkt = models.BooleanField(_("verwerkt in het plan"), default=False)

    objects = KindQuerySet.van("plan")

    class Meta:
        ordering = ["plan", "geplaatst_op", "id"]
        verbose_name = _("OPR-opmerking")
        verbose_name_plural = _("reactienota")

    def __str__(self):
        return f"{self.sectie_titel}: {self.tekst[:40]}"


# KPIs and streefwaarden: plan content (the KPI app measures them) ----------------------


class KpiType(models.TextChoices):
    AANTAL = "aantal", _("aantal")
    PERCENTAGE = "percentage", _("percentage")
    SCORE = "score", _("mate / score op een schaal")
    JA_NEE = "ja_nee", _("ja/nee")


class Richting(models.TextChoices):
    HOGER = "hoger", _("hoger is beter")
    LAGER = "lager", _("lager is beter")


class Comparator(models.TextChoices):
    KLEINER = "<", _("kleiner dan")
    HOOGSTENS = "<=", _("hoogstens")
    GELIJK = "=", _("gelijk aan")
    MINSTENS = ">=", _("minstens")
    GROTER = ">", _("groter dan")


class Berekening(models.TextChoices):
    """KPIs the app computes from its own data (documented in kpi/berekeningen.py and on
    the page where the number appears). A computed KPI takes no hand-entered metingen."""

    DEELNAME_SBO = "deelname_sbo", _("Deelnamepercentage SBO (leerlingtellingen)")
    DEELNAME_SO = "deelname_so", _("Deelnamepercentage SO (leerlingtellingen)")
    THUISZITTERS = "thuiszitters", _("Aantal thuiszitters (register)")
    TLV_TOEGEKEND = "tlv_toegekend", _("Aantal toegekende TLV's")
    TLV_DOORLOOPTIJD = "tlv_doorlooptijd", _("Doorlooptijd TLV-aanvraag (mediaan, dagen)")
    TLV_BEZWAREN = "tlv_bezwaren", _("Aantal bezwaren tegen TLV-besluiten")
    TLV_TERUGPLAATSINGEN = "tlv_terugplaatsingen", _("Aantal terugplaatsingen")
    ROUTE_DOORLOOPTIJD = (
        "route_doorlooptijd",
        _("Doorlooptijd ondersteuningsvraag (mediaan, werkdagen)"),
    )
    ROUTE_DOELEN_BEHAALD = (
        "route_doelen_behaald",
        _("Aandeel evaluaties arrangementen met doelen behaald (%)"),
    )
    ROUTE_ARRANGEMENTEN = "route_arrangementen", _("Aantal individuele arrangementen")


class Kpi(models.Model):
    speerpunt = models.ForeignKey(
        Speerpunt, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("speerpunt")
    )
    naam = models.CharField(_("KPI"), max_length=400)
    type = models.CharField(
        _("type"), max_length=12, choices=KpiType.choices, default=KpiType.AANTAL
    )
    eenheid = models.CharField(_("eenheid"), max_length=50, blank=True)
    richting = models.CharField(
        _("richting"), max_length=6, choices=Richting.choices, default=Richting.HOGER
    )
    schaal_min = models.DecimalField(
        _("schaal van"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    schaal_max = models.DecimalField(
        _("schaal tot"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    meetmethode = models.TextField(_("meetmethode"), blank=True)
    frequentie = models.CharField(_("frequentie en meetmoment"), max_length=200, blank=True)
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    nulmeting = models.CharField(_("nulmeting"), max_length=100, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    berekening = models.CharField(
        _("berekend uit"),
        max_length=24,
        choices=Berekening.choices,
        blank=True,
        help_text=_("Leeg: metingen worden ingevoerd. Gekozen: het portaal berekent de waarde."),
    )

    objects = KindQuerySet.van("speerpunt__plan")

    class Meta:
        db_table = "kpi_kpi"  # created by the kpi app, which owned it before
        ordering = ["speerpunt", "volgorde", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI's")

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("kpi:kpi-detail", args=[self.pk])

    @property
    def is_berekend(self) -> bool:
        return bool(self.berekening)

    def waarde_controleren(self, waarde: Decimal) -> None:
        """Refuse a number that does not fit this KPI's type (streefwaarde or meting)."""
        if self.type == KpiType.PERCENTAGE and not (0 <= waarde <= 100):
            raise ValidationError(_("Een percentage ligt tussen 0 en 100."), code="percentage")
        if self.type == KpiType.AANTAL and (waarde < 0 or waarde != waarde.to_integral_value()):
            raise ValidationError(_("Een aantal is een heel getal van 0 of meer."), code="aantal")
        if self.type == KpiType.JA_NEE and waarde not in (0, 1):
            raise ValidationError(_("Een ja/nee-KPI kent alleen ja (1) of nee (0)."), code="ja_nee")
        if self.type == KpiType.SCORE:
            if self.schaal_min is not None and waarde < self.schaal_min:
                raise ValidationError(_("De score ligt onder de schaal."), code="schaal")
            if self.schaal_max is not None and waarde > self.schaal_max:
                raise ValidationError(_("De score ligt boven de schaal."), code="schaal")


class Streefwaarde(models.Model):
    """The target for one school year, as the seeds write it ('< 10', '25%', '0')."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="streefwaarden")
    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"), help_text=_("Beginjaar: 2022 voor 2022-2023.")
    )
    comparator = models.CharField(_("vergelijking"), max_length=2, choices=Comparator.choices)
    waarde = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)

    objects = KindQuerySet.van("kpi__speerpunt__plan")

    class Meta:
        db_table = "kpi_streefwaarde"
        ordering = ["kpi", "schooljaar"]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "schooljaar"], name="streefwaarde_uniek_per_jaar"
            )
        ]

    def __str__(self):
        return self.weergave

    @property
    def weergave(self) -> str:
        """As the seeds write it: '< 10', '0', '25%' (a bare target: see gehaald); a
        ja/nee target as 'ja' or 'nee'."""
        if self.kpi.type == KpiType.JA_NEE:
            return str(_("ja") if self.waarde == 1 else _("nee"))
        getal = nl_getal(self.waarde)
        if self.kpi.type == KpiType.PERCENTAGE:
            getal += "%"
        if self.comparator == Comparator.GELIJK:
            return getal
        teken = {"<": "<", "<=": "≤", ">=": "≥", ">": ">"}[self.comparator]
        return f"{teken} {getal}"

    def gehaald(self, waarde: Decimal) -> bool:
        """Whether a measured value meets this target. An explicit comparator is read
        literally; a bare number ('0', '25%') means 'at least' when higher is better and
        'at most' when lower is better (0 thuiszitters: 0 is on track, 3 is not; 5%
        verwijzingen: 3% is on track, 20% is not)."""
        doel = self.waarde
        match self.comparator:
            case Comparator.KLEINER:
                return waarde < doel
            case Comparator.HOOGSTENS:
                return waarde <= doel
            case Comparator.MINSTENS:
                return waarde >= doel
            case Comparator.GROTER:
                return waarde > doel
        if self.kpi.richting == Richting.LAGER:
            return waarde <= doel
        return waarde >= doel
