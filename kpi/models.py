"""Metingen and the thuiszitters register. The KPIs and their streefwaarden are plan
content and live in the plan app (ondersteuningsplan.models); this app measures them."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ondersteuningsplan.models import Kpi
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from swv.selectors import KindQuerySet, besturen_voor

# Metingen ------------------------------------------------------------------------------

KWARTAAL_PEILDATUM = {1: (0, 9, 30), 2: (0, 12, 31), 3: (1, 3, 31), 4: (1, 6, 30)}


def peildatum(schooljaar: int, kwartaal: int) -> date:
    """End of kwartaal 1-4 of schooljaar J (1 Aug J - 31 Jul J+1): 30 Sep J, 31 Dec J,
    31 Mar J+1, 30 Jun J+1. Kwartaal 0 (the whole year) ends on 31 Jul J+1."""
    if kwartaal == 0:
        return date(schooljaar + 1, 7, 31)
    extra, maand, dag = KWARTAAL_PEILDATUM[kwartaal]
    return date(schooljaar + extra, maand, dag)


class Kwartaal(models.IntegerChoices):
    HEEL_JAAR = 0, _("heel schooljaar")
    K1 = 1, _("1e kwartaal (peildatum 30 september)")
    K2 = 2, _("2e kwartaal (peildatum 31 december)")
    K3 = 3, _("3e kwartaal (peildatum 31 maart)")
    K4 = 4, _("4e kwartaal (peildatum 30 juni)")


class MetingQuerySet(KindQuerySet):
    """A meting is seen with its KPI, so with the KPI's plan (the plan's one rule); one
    measured for a bestuur only by who may see that bestuur. Plan-wide and SWV metingen
    are public within the plan."""

    ouder = "kpi__speerpunt__plan"

    def voor(self, user):
        return (
            super()
            .voor(user)
            .filter(Q(bestuur__isnull=True) | Q(bestuur__in=besturen_voor(user).values("id")))
        )


class Meting(models.Model):
    """A measured value of a KPI for one period and scope. Scope: the whole plan (no SWV,
    no bestuur), one SWV, or one bestuur. One meting per KPI, period and scope: a second
    one replaces the first only after the user confirms (kpi.services.meting_vastleggen)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="metingen")
    schooljaar = models.PositiveSmallIntegerField(
        _("schooljaar"), help_text=_("Beginjaar: 2024 voor 2024-2025.")
    )
    kwartaal = models.PositiveSmallIntegerField(
        _("periode"), choices=Kwartaal.choices, default=Kwartaal.HEEL_JAAR
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    bestuur = models.ForeignKey(
        Schoolbestuur,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("schoolbestuur"),
    )
    waarde = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingevoerd door"),
    )
    ingevoerd_op = models.DateTimeField(_("ingevoerd op"), default=timezone.now)
    # Raised on every replacement: a confirmation to replace what the user saw refuses to
    # overwrite a value someone saved after that (kpi.services.meting_vastleggen).
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = MetingQuerySet.as_manager()

    class Meta:
        ordering = ["kpi", "schooljaar", "kwartaal"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            # NULL scope columns would make a plain unique constraint let doubles through.
            models.UniqueConstraint(
                "kpi",
                "schooljaar",
                "kwartaal",
                Coalesce("swv", 0),
                Coalesce("bestuur", 0),
                name="meting_uniek_per_periode_en_scope",
                violation_error_message=_(
                    "Er is al een meting voor deze KPI, periode en reikwijdte."
                ),
            ),
            models.CheckConstraint(
                condition=Q(swv__isnull=True) | Q(bestuur__isnull=True),
                name="meting_swv_of_bestuur",
                violation_error_message=_("Kies een samenwerkingsverband óf een bestuur."),
            ),
            models.CheckConstraint(condition=Q(kwartaal__lte=4), name="meting_kwartaal_0_tot_4"),
        ]

    def __str__(self):
        return f"{self.kpi} {self.periode}: {self.waarde}"

    @property
    def periode(self) -> str:
        jaar = f"{self.schooljaar}-{self.schooljaar + 1}"
        return jaar if self.kwartaal == 0 else f"{jaar} K{self.kwartaal}"

    @property
    def reikwijdte(self) -> str:
        if self.bestuur_id:
            return str(self.bestuur)
        if self.swv_id:
            return self.swv.code
        return str(_("hele plan"))


# The version of the sources of computed KPI figures --------------------------------------


class Gegevensversie(models.Model):
    """How often one source of the computed KPI figures (the thuiszitters register, the
    TLV cases, the leerlingtellingen) has changed. Raised after every committed change
    (kpi.gegevensversie); cached figures carry the version they were computed on, so a
    change makes the old ones unreachable at once, in every worker."""

    bron = models.CharField(_("bron"), max_length=20, unique=True)
    versie = models.PositiveBigIntegerField(_("versie"), default=0)

    class Meta:
        verbose_name = _("gegevensversie")
        verbose_name_plural = _("gegevensversies")

    def __str__(self):
        return f"{self.bron} v{self.versie}"


# Thuiszitters ---------------------------------------------------------------------------


class ThuiszitterType(models.TextChoices):
    ABSOLUUT = "absoluut", _("Absoluut verzuim (niet ingeschreven)")
    RELATIEF = "relatief", _("Langdurig relatief verzuim (meer dan 4 weken)")
    VRIJSTELLING = "vrijstelling", _("Vrijstelling van de leerplicht")


class Vrijstelling(models.TextChoices):
    ART_5A = "5a", _("Art. 5 onder a (lichamelijk of psychisch)")
    ART_5B = "5b", _("Art. 5 onder b (richting)")
    ART_11 = "11", _("Art. 11 (vrijstelling geregeld schoolbezoek)")
    ART_15 = "15", _("Art. 15 (alternatief onderwijs)")


class ThuiszitterStatus(models.TextChoices):
    LOPEND = "lopend", _("Lopend")
    TERUG = "terug", _("Opgelost: terug naar onderwijs")
    BEEINDIGD = "beeindigd", _("Beëindigd om andere reden")


class Thuiszitter(models.Model):
    """One thuiszitter case. Minimal personal data: initialen or a pseudonym and a birth
    year, never a name or BSN (the inspectie export leaves even those out)."""

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    pseudoniem = models.CharField(
        _("initialen of pseudoniem"),
        max_length=20,
        help_text=_("Geen volledige naam: initialen (bv. J.B.) of een afgesproken pseudoniem."),
    )
    # Required in the form; emptied (with the pseudonym) when the retention period ends.
    geboortejaar = models.PositiveSmallIntegerField(_("geboortejaar"), null=True)
    type = models.CharField(_("soort verzuim"), max_length=12, choices=ThuiszitterType.choices)
    vrijstelling = models.CharField(
        _("artikel vrijstelling"), max_length=2, choices=Vrijstelling.choices, blank=True
    )
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ThuiszitterStatus.choices,
        default=ThuiszitterStatus.LOPEND,
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
        help_text=_(
            "Wie de leerling begeleidt. Zolang niemand is gekozen, zien alle "
            "trajectbegeleiders van het samenwerkingsverband de registratie."
        ),
    )
    # The pupil's dossier (leerlingen), where the registration shows on the timeline.
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="thuiszitters",
        verbose_name=_("leerlingdossier"),
    )
    aangemaakt_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    geanonimiseerd_op = models.DateField(
        _("geanonimiseerd op"), null=True, blank=True, editable=False
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Optimistic locking: the edit form carries the version it was opened on and a save
    # over a later one is refused (kpi.services.thuiszitter_wijzigen).
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        ordering = ["-startdatum", "-id"]
        verbose_name = _("thuiszitter")
        verbose_name_plural = _("thuiszitters")
        indexes = [models.Index(fields=["swv", "startdatum"], name="thuiszitter_swv_start")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="vrijstelling") & ~Q(vrijstelling=""))
                | (~Q(type="vrijstelling") & Q(vrijstelling="")),
                name="thuiszitter_vrijstelling_artikel",
                violation_error_message=_("Een vrijstelling heeft een artikel; verzuim niet."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")),
                name="thuiszitter_einde_na_start",
                violation_error_message=_("De einddatum ligt niet voor de startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(status="lopend", einddatum__isnull=True)
                | (~Q(status="lopend") & Q(einddatum__isnull=False)),
                name="thuiszitter_einddatum_bij_status",
                violation_error_message=_(
                    "Een afgesloten registratie heeft een einddatum; een lopende niet."
                ),
            ),
        ]

    def __str__(self):
        return f"{_('Thuiszitter')} #{self.pk}"

    def get_absolute_url(self):
        return reverse("kpi:thuiszitter-detail", args=[self.pk])


ACTIE_IN_DE_TOEKOMST = _(
    "De datum ligt in de toekomst. Vul de datum in waarop de actie is gedaan of afgesproken."
)


class ThuiszitterActie(models.Model):
    """One dated entry in a thuiszitter's action log: what was done or agreed, with whom,
    and who recorded it. Deleted with its registration (retention, kpi.privacy)."""

    thuiszitter = models.ForeignKey(
        Thuiszitter,
        on_delete=models.CASCADE,
        related_name="acties_log",
        verbose_name=_("thuiszitter"),
    )
    datum = models.DateField(_("datum"))
    omschrijving = models.TextField(
        _("wat is er gedaan of afgesproken"),
        help_text=_("Geen naam of BSN van de leerling."),
    )
    betrokkenen = models.CharField(
        _("betrokkenen"),
        max_length=200,
        blank=True,
        help_text=_(
            "Rollen of instanties, geen namen: bijvoorbeeld leerplicht, ouders, jeugdarts."
        ),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    # Seen with its case (selectors.thuiszitters_voor).
    objects = KindQuerySet.van("thuiszitter")

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self):
        return f"{_('Actie')} #{self.pk} ({self.datum:%d-%m-%Y})"
