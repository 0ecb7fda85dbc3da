"""The jaarlijkse verantwoording of the schoolbesturen (seed 004).

A `Ronde` is one school year's round: its template (the questions, ankerpunten and
procesindicatoren) is data on the round, so staff can change it before the round opens
without a code change. Each participating bestuur gets one `Verslag` with its answers.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv import documenten
from swv.models import Samenwerkingsverband, Schoolbestuur
from swv.schooljaar import schooljaar_label
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie

from .termijnen import te_laat


class RondeStatus(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("in voorbereiding")
    OPEN = "open", _("open")
    GESLOTEN = "gesloten", _("gesloten")


class Ronde(ConcurrentTransitionMixin, models.Model):
    """One school year's verantwoording for the besturen of one or more SWVs."""

    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"),
        validators=[MinValueValidator(2014), MaxValueValidator(2100)],
        help_text=_("Het jaar waarin het schooljaar begint, bv. 2023 voor 2023-2024."),
    )
    deadline = models.DateField(_("uiterste inleverdatum"))
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband,
        related_name="verantwoordingsrondes",
        verbose_name=_("samenwerkingsverbanden"),
    )
    besturen = models.ManyToManyField(
        Schoolbestuur,
        related_name="verantwoordingsrondes",
        verbose_name=_("deelnemende schoolbesturen"),
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=RondeStatus.choices,
        default=RondeStatus.VOORBEREIDING,
        protected=True,
    )
    inleiding = models.TextField(
        _("inleiding (context)"),
        blank=True,
        help_text=_("Staat boven het formulier; alinea's scheiden met een lege regel."),
    )
    focus_van_handelen = models.TextField(
        _("focus van handelen"), blank=True, help_text=_("Eén punt per regel.")
    )
    toelichting_middelen = models.TextField(_("toelichting aanwending middelen"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    geopend_op = models.DateTimeField(_("geopend op"), null=True, blank=True)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    # Optimistic lock for the deadline form: every step raises it (swv.workflow.overgang);
    # a change from a page opened on an older version is refused.
    versie = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        ordering = ["-schooljaar", "-id"]
        verbose_name = _("verantwoordingsronde")
        verbose_name_plural = _("verantwoordingsrondes")

    def __str__(self):
        return _("Verantwoording %(jaar)s") % {"jaar": self.schooljaar_label}

    def get_absolute_url(self):
        return reverse("verantwoording:ronde", args=[self.pk])

    @property
    def schooljaar_label(self) -> str:
        return schooljaar_label(self.schooljaar)

    @property
    def is_open(self) -> bool:
        return self.status == RondeStatus.OPEN

    @property
    def sjabloon_bewerkbaar(self) -> bool:
        return self.status == RondeStatus.VOORBEREIDING

    # Transitions: taken only through the services (stappen.py, swv.workflow.overgang).
    @transition(field=status, source=RondeStatus.VOORBEREIDING, target=RondeStatus.OPEN)
    def openen(self):
        self.geopend_op = timezone.now()

    @transition(field=status, source=RondeStatus.OPEN, target=RondeStatus.GESLOTEN)
    def sluiten(self):
        self.gesloten_op = timezone.now()

    # The status stays; the transition says in which states the deadline may move (the
    # service sets `deadline` before taking it).
    @transition(field=status, source=[RondeStatus.VOORBEREIDING, RondeStatus.OPEN], target=None)
    def deadline_wijzigen(self):
        pass


class RondeGebeurtenis(StatusHistorie):
    """Timeline of a round: created, opened, deadline moved, closed. Not declared a child
    of the round's scope on purpose: only staff who manage the round read it
    (selectors.ronde_geschiedenis), not every bestuur that sees the round."""

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="gebeurtenissen")
    van = models.CharField(_("van"), max_length=20, choices=RondeStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=RondeStatus.choices)

    class Meta(StatusHistorie.Meta):
        verbose_name = _("gebeurtenis van een ronde")
        verbose_name_plural = _("geschiedenis van rondes")

    def __str__(self):
        return f"{self.ronde_id}: {self.van} -> {self.naar}"


class Sectie(models.TextChoices):
    RESULTAAT = "resultaat", _("Rekenschap: eigen aandeel in het collectief resultaat")
    PROCES = "proces", _("Rekenschap: eigen aandeel in het collectief proces")
    EXTRA = "extra", _("Extra informatie")


class VraagSoort(models.TextChoices):
    TEKST = "tekst", _("reflectie (tekst)")
    ANKERPUNT = "ankerpunt", _("ankerpunt: reflectie met SOP-score")
    HOOFDONDERDEEL = "hoofdonderdeel", _("hoofdonderdeel met procesindicatoren")


class Kengetallen(models.TextChoices):
    GEEN = "", _("geen")
    VERWIJZINGEN = "verwijzingen", _("verwijzingen (TLV-kengetallen)")
    TERUGPLAATSINGEN = "terugplaatsingen", _("terugplaatsingen (TLV-kengetallen)")
    THUISZITTERS = "thuiszitters", _("thuiszitters")
    ARRANGEMENTEN = "arrangementen", _("arrangementen en plaatsingen (ondersteuningsroute)")


class Vraag(models.Model):
    """One part of a round's form: a reflection, an ankerpunt or a hoofdonderdeel."""

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="vragen")
    sectie = models.CharField(_("sectie"), max_length=12, choices=Sectie.choices)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    code = models.SlugField(_("code"), max_length=40)
    kop = models.CharField(
        _("tussenkop"),
        max_length=200,
        blank=True,
        help_text=_("Optioneel: een kop boven deze vraag, bv. 'Aanvullend voor niveau 5'."),
    )
    titel = models.CharField(_("titel"), max_length=250)
    toelichting = models.TextField(_("toelichting"), blank=True)
    soort = models.CharField(
        _("soort"), max_length=16, choices=VraagSoort.choices, default=VraagSoort.TEKST
    )
    kengetallen = models.CharField(
        _("kengetallen ernaast"), max_length=20, choices=Kengetallen.choices, blank=True
    )
    alleen_speciaal = models.BooleanField(
        _("alleen voor besturen met SBO/SO"),
        default=False,
        help_text=_("Alleen besturen met een SBO- of SO-school vullen dit in."),
    )
    verplicht = models.BooleanField(_("verplicht"), default=True)
    # Optimistic lock for the template form (services.vraag_wijzigen).
    versie = models.PositiveIntegerField(_("versie"), default=1)

    # Seen with its round (selectors.rondes_voor), as its procesindicatoren.
    objects = KindQuerySet.van("ronde")

    class Meta:
        ordering = ["ronde", "volgorde", "id"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [
            models.UniqueConstraint(fields=["ronde", "code"], name="vraag_code_uniek_per_ronde")
        ]

    def __str__(self):
        return self.titel

    def geldt_voor(self, verslag: "Verslag") -> bool:
        return not self.alleen_speciaal or verslag.heeft_speciaal


class Procesindicator(models.Model):
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="indicatoren")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    tekst = models.CharField(_("tekst"), max_length=300)

    objects = KindQuerySet.van("vraag__ronde")

    class Meta:
        ordering = ["vraag", "nummer"]
        verbose_name = _("procesindicator")
        verbose_name_plural = _("procesindicatoren")
        constraints = [
            models.UniqueConstraint(fields=["vraag", "nummer"], name="indicator_nummer_uniek")
        ]

    def __str__(self):
        return f"{self.nummer}. {self.tekst}"


class VerslagStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    INGEDIEND = "ingediend", _("ingediend")
    TERUGGEGEVEN = "teruggegeven", _("teruggegeven")
    GEACCEPTEERD = "geaccepteerd", _("geaccepteerd")


BEWERKBAAR = (VerslagStatus.CONCEPT, VerslagStatus.TERUGGEGEVEN)


class Verslag(ConcurrentTransitionMixin, models.Model):
    """One bestuur's report in one round."""

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="verslagen")
    bestuur = models.ForeignKey(
        Schoolbestuur,
        on_delete=models.PROTECT,
        related_name="verantwoordingsverslagen",
        verbose_name=_("schoolbestuur"),
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=VerslagStatus.choices,
        default=VerslagStatus.CONCEPT,
        protected=True,
    )
    # Optimistic lock for the form: every save raises it; a save from an older form is refused.
    versie = models.PositiveIntegerField(_("versie"), default=1)
    heeft_speciaal = models.BooleanField(
        _("bestuur heeft SBO/SO"),
        default=False,
        help_text=_("Vastgesteld bij het openen van de ronde; bepaalt de niveau-5-onderdelen."),
    )
    opmerking_swv = models.TextField(_("opmerking van het SWV"), blank=True)
    bijgewerkt_op = models.DateTimeField(_("laatst opgeslagen"), null=True, blank=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    # What the bestuur reflected on: the TLV figures as they were when it submitted.
    kengetallen_bij_indienen = models.JSONField(
        _("kengetallen bij indienen"), null=True, blank=True
    )
    # The document as submitted / accepted: what the SWV received is what we keep, and the
    # round's bundle is assembled from these without laying out every report again.
    pdf = documenten.veld(_("PDF zoals ingediend/geaccepteerd"))
    # The background task (swv.taken) that makes `pdf` after submitting/accepting: the
    # report page shows its progress, or its failure with a retry.
    pdf_taak = models.ForeignKey(
        "swv.Taak",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("taak die de PDF maakt"),
    )

    class Meta:
        ordering = ["ronde", "bestuur__naam"]
        verbose_name = _("verantwoordingsverslag")
        verbose_name_plural = _("verantwoordingsverslagen")
        constraints = [
            models.UniqueConstraint(fields=["ronde", "bestuur"], name="verslag_uniek_per_bestuur")
        ]

    def __str__(self):
        return f"{self.bestuur} · {self.ronde}"

    def get_absolute_url(self):
        return reverse("verantwoording:verslag", args=[self.pk])

    @property
    def is_bewerkbaar(self) -> bool:
        return self.status in BEWERKBAAR and self.ronde.status == RondeStatus.OPEN

    @property
    def is_ingediend(self) -> bool:
        """Submitted (and possibly accepted): what the SWV received counts."""
        return self.status in (VerslagStatus.INGEDIEND, VerslagStatus.GEACCEPTEERD)

    @property
    def te_laat(self):
        """How late the report was submitted (termijnen.Vertraging), or None when on time
        or not submitted. Needs `ronde` loaded (select_related) to cost no query."""
        if self.ingediend_op is None or self.status not in (
            VerslagStatus.INGEDIEND,
            VerslagStatus.GEACCEPTEERD,
        ):
            return None
        return te_laat(self.ronde.deadline, timezone.localdate(self.ingediend_op))

    @property
    def over_deadline(self):
        """Not (again) submitted while the deadline has passed: how long ago, or None."""
        if self.status not in BEWERKBAAR:
            return None
        return te_laat(self.ronde.deadline, timezone.localdate())

    @transition(
        field=status,
        source=[VerslagStatus.CONCEPT, VerslagStatus.TERUGGEGEVEN],
        target=VerslagStatus.INGEDIEND,
    )
    def indienen(self):
        self.ingediend_op = timezone.now()

    # The service sets `opmerking_swv` before taking this step.
    @transition(field=status, source=VerslagStatus.INGEDIEND, target=VerslagStatus.TERUGGEGEVEN)
    def teruggeven(self):
        self.beoordeeld_op = timezone.now()

    @transition(field=status, source=VerslagStatus.INGEDIEND, target=VerslagStatus.GEACCEPTEERD)
    def accepteren(self):
        self.beoordeeld_op = timezone.now()


class VerslagGebeurtenis(StatusHistorie):
    """Status history of a report: who did what when, with the note (e.g. return comments).
    Written only by `swv.workflow.overgang`. Not declared a child of the report's scope on
    purpose: other besturen read an accepted report, not its return comments; the timeline
    is for the own bestuur and staff (selectors.geschiedenis, behind the view's check)."""

    verslag = models.ForeignKey(Verslag, on_delete=models.CASCADE, related_name="gebeurtenissen")
    van = models.CharField(_("van"), max_length=20, choices=VerslagStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=VerslagStatus.choices)

    class Meta(StatusHistorie.Meta):
        ordering = ["verslag", "tijdstip", "id"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statusgeschiedenis")

    def __str__(self):
        return f"{self.verslag_id}: {self.van} -> {self.naar}"


class Antwoord(models.Model):
    verslag = models.ForeignKey(Verslag, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.CASCADE, related_name="antwoorden")
    tekst = models.TextField(_("tekst"), blank=True)
    score = models.DecimalField(
        _("score (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    voorbeeld_nummers = models.CharField(_("uitgewerkte indicator(en)"), max_length=50, blank=True)
    voorbeeld_tekst = models.TextField(_("uitwerking"), blank=True)

    # A report's parts (answers, standen, amounts) are seen with the report
    # (selectors.verslagen_voor): `Antwoord.objects.voor(user)`.
    objects = KindQuerySet.van("verslag")

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["verslag", "vraag"], name="antwoord_uniek"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="antwoord_score_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.verslag_id}/{self.vraag_id}"


class Stand(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("niet gestart")
    IN_ONTWIKKELING = "in_ontwikkeling", _("in ontwikkeling")
    GEREALISEERD = "gerealiseerd", _("gerealiseerd")
    GEBORGD = "geborgd", _("geborgd")


class IndicatorStand(models.Model):
    verslag = models.ForeignKey(Verslag, on_delete=models.CASCADE, related_name="standen")
    indicator = models.ForeignKey(Procesindicator, on_delete=models.CASCADE, related_name="standen")
    stand = models.CharField(_("stand van ontwikkeling"), max_length=20, choices=Stand.choices)

    objects = KindQuerySet.van("verslag")

    class Meta:
        verbose_name = _("stand van ontwikkeling")
        verbose_name_plural = _("standen van ontwikkeling")
        constraints = [
            models.UniqueConstraint(fields=["verslag", "indicator"], name="stand_uniek"),
        ]

    def __str__(self):
        return f"{self.verslag_id}/{self.indicator_id}: {self.stand}"


class Geldstroom(models.TextChoices):
    TERUGPLOEG = "terugploeg", _("Terugploegregeling (basisbedrag en uitkering reserve)")
    DOELGROEP = "doelgroep", _("Doelgroepfinanciering (enkel s(b)o, indien van toepassing)")


BEDRAG_MAX = Decimal("9999999999.99")
bedrag_validators = [MinValueValidator(Decimal(0)), MaxValueValidator(BEDRAG_MAX)]


class OntvangenBedrag(models.Model):
    """An amount the bestuur received from one SWV of the round (seed 004: per SWV column)."""

    verslag = models.ForeignKey(
        Verslag, on_delete=models.CASCADE, related_name="ontvangen_bedragen"
    )
    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort"), max_length=12, choices=Geldstroom.choices)
    bedrag = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=bedrag_validators
    )

    objects = KindQuerySet.van("verslag")

    class Meta:
        ordering = ["verslag", "soort", "swv__code"]
        verbose_name = _("ontvangen bedrag")
        verbose_name_plural = _("ontvangen bedragen")
        constraints = [
            models.UniqueConstraint(fields=["verslag", "swv", "soort"], name="ontvangen_uniek"),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="ontvangen_niet_negatief"),
        ]

    def __str__(self):
        return f"{self.soort} {self.bedrag}"


class Aanwending(models.Model):
    verslag = models.ForeignKey(Verslag, on_delete=models.CASCADE, related_name="aanwendingen")
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    omschrijving = models.CharField(_("omschrijving"), max_length=250)
    bedrag = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=bedrag_validators
    )

    objects = KindQuerySet.van("verslag")

    class Meta:
        ordering = ["verslag", "volgorde", "id"]
        verbose_name = _("aanwending")
        verbose_name_plural = _("aanwendingen")
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="aanwending_niet_negatief"),
        ]

    def __str__(self):
        return f"{self.omschrijving} {self.bedrag}"


class Herinnering(models.Model):
    """A reminder mail sent for a report, per threshold (days before the deadline), once.
    The reminder job's own bookkeeping: no user reads it, so it declares no scope."""

    verslag = models.ForeignKey(Verslag, on_delete=models.CASCADE, related_name="herinneringen")
    drempel = models.PositiveSmallIntegerField(_("dagen voor de deadline"))
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    ontvangers = models.PositiveSmallIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["verslag", "drempel"], name="herinnering_eenmaal"),
        ]

    def __str__(self):
        return f"{self.verslag_id}: {self.drempel} dagen"
