"""The ondersteuningsplan (WPO art. 18a). Core models; the plan app builds on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv.models import Samenwerkingsverband

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
    vastgestelde_pdf = models.FileField(
        _("vastgestelde PDF"), upload_to="plannen/", blank=True, editable=False
    )
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

    class Meta:
        ordering = ["plan", "soort", "volgorde", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("vademecum en bijlagen")

    def __str__(self):
        return self.titel


class Statusovergang(models.Model):
    """History of the workflow: every transition, who, when, with a note."""

    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="overgangen"
    )
    van = models.CharField(max_length=20, choices=PlanStatus.choices)
    naar = models.CharField(max_length=20, choices=PlanStatus.choices)
    tijdstip = models.DateTimeField(default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    notitie = models.TextField(blank=True)

    class Meta:
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

    class Meta:
        ordering = ["plan", "nummer"]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_uniek")]

    def __str__(self):
        return f"versie {self.nummer}"


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

    class Meta:
        ordering = ["plan", "geplaatst_op", "id"]
        verbose_name = _("OPR-opmerking")
        verbose_name_plural = _("reactienota")

    def __str__(self):
        return f"{self.sectie_titel}: {self.tekst[:40]}"
