"""Voorzieningen and the dekkend netwerk: the SWV's register of provisions (kantelklas,
startklas, observatiegroep, plusklas, onderwijszorgarrangement, residentieel, voorschools
MKD/KDC) and the placements of pupils in them.

A voorziening is organisation data (no pupil data): capacity, host school and bestuur,
gemeente, doelgroep and the gemeente's share of the cost. A placement (`Plaatsing`) is a
pupil record: it points to the pupil's dossier and to the SWV's decision on an
ondersteuningsvraag that grants the place, and is scoped by its own swv, school (the
pupil's school of origin) and trajectbegeleider (`swv.selectors.leerlingscope`), like a
vraag. Status changes go only through the services (`swv.workflow.overgang`).

What is enforced for "a placement only through a decision" (services/plaatsing.py):
- always: the decision is an ondersteuningsvraag of the same pupil and SWV, besloten and
  toegekend, and within the user's scope;
- with `VoorzieningInstellingen.collectief_alleen_via_mdo` (the default, seed 001 §5.2:
  collective doelgroeparrangementen open only through the MDO, knooppunt toeleiding):
  the vraag must be of soort "plaats in een voorziening" and decided on a loket meeting,
  and taking a seat (placing, at once or from the waiting list) needs a real MDO record
  on the pupil's dossier: an MDO-oordeel on a TLV aanvraag or a knooppuntoverleg turned
  into an MDO (`selectors.heeft_mdo`); refused with a Dutch message otherwise.
- without it: a toegekende vraag of soort voorziening or individueel arrangement, decided
  on a meeting or not.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv.models import Gemeente, Genummerd, Samenwerkingsverband, School, Schoolbestuur
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie


class VoorzieningInstellingen(models.Model):
    """Choices the SWV makes itself (not law)."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="voorziening_instellingen",
        verbose_name=_("samenwerkingsverband"),
    )
    collectief_alleen_via_mdo = models.BooleanField(
        _("collectieve arrangementen alleen via het MDO"),
        default=True,
        help_text=_(
            "Een plaatsing vraagt een toegekende vraag om een plaats in een voorziening, "
            "besloten op een loketoverleg (knooppunt toeleiding)."
        ),
    )

    class Meta:
        verbose_name = _("voorzieningeninstellingen")
        verbose_name_plural = _("voorzieningeninstellingen")

    def __str__(self):
        return f"Voorzieningeninstellingen {self.swv.code}"


class Soort(models.TextChoices):
    KANTELKLAS = "kantelklas", _("Kantelklas")
    STARTKLAS = "startklas", _("Startklas")
    OBSERVATIEGROEP = "observatiegroep", _("Observatiegroep")
    PLUSKLAS = "plusklas", _("Plusklas")
    ONDERWIJSZORG = "onderwijszorg", _("Onderwijszorgarrangement")
    RESIDENTIEEL = "residentieel", _("Residentieel")
    VOORSCHOOLS = "voorschools", _("Voorschools (MKD/KDC)")


class Doelgroep(models.TextChoices):
    """The doelgroepen the dekkend netwerk must cover (seed 001 ch. 3 and 5: extra
    ondersteuning, collective doelgroeparrangementen, onderinstroom from zorg)."""

    GEDRAG = "gedrag", _("Gedrag en sociaal-emotioneel")
    LEREN = "leren", _("Leren en cognitieve ontwikkeling")
    TAAL_SPRAAK = "taal_spraak", _("Taal en spraak")
    ZML = "zml", _("Zeer moeilijk lerend")
    MEERVOUDIG = "meervoudig", _("Meervoudig beperkt")
    JONG_RISICO = "jong_risico", _("Jonge risicoleerlingen")
    HOOGBEGAAFD = "hoogbegaafd", _("Meer- en hoogbegaafd")
    PSYCHIATRISCH = "psychiatrisch", _("Psychiatrische en zorgproblematiek")
    ONDERINSTROOM = "onderinstroom", _("Onderinstroom vanuit zorg (MKD/KDC)")


class Voorziening(Genummerd, models.Model):
    nummer_voorvoegsel = "VZ"
    nummer_cijfers = 4
    audit_soort = "voorziening"

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep.choices)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    gastschool = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gastschool"),
        help_text=_("Leeg bij een voorziening buiten een school (residentieel, voorschools)."),
    )
    bestuur = models.ForeignKey(
        Schoolbestuur,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestuur"),
        help_text=_("Bij een gastschool het bestuur van die school."),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    regio = models.CharField(_("regio"), max_length=100, blank=True)
    capaciteit = models.PositiveIntegerField(_("capaciteit (plaatsen)"))
    gemeente_aandeel = models.DecimalField(
        _("aandeel gemeente (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    actief = models.BooleanField(_("actief"), default=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        ordering = ["naam", "id"]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        constraints = [
            models.CheckConstraint(
                condition=Q(gemeente_aandeel__gte=0) & Q(gemeente_aandeel__lte=100),
                name="voorziening_gemeente_aandeel_0_100",
                violation_error_message=_("Het aandeel van de gemeente ligt tussen 0 en 100%."),
            ),
        ]
        indexes = [models.Index(fields=["swv", "soort"], name="voorziening_swv_soort_idx")]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("voorzieningen:detail", args=[self.pk])


class Status(models.TextChoices):
    WACHTLIJST = "wachtlijst", _("Op de wachtlijst")
    GEPLAATST = "geplaatst", _("Geplaatst")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    VERVALLEN = "vervallen", _("Vervallen")


OPEN_STATUSSEN = (Status.WACHTLIJST, Status.GEPLAATST)


class Plaatsing(Genummerd, ConcurrentTransitionMixin, models.Model):
    nummer_voorvoegsel = "PL"
    audit_soort = "plaatsing"

    voorziening = models.ForeignKey(
        Voorziening,
        on_delete=models.PROTECT,
        related_name="plaatsingen",
        verbose_name=_("voorziening"),
    )
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        related_name="plaatsingen",
        verbose_name=_("leerlingdossier"),
    )
    besluit = models.ForeignKey(
        "ondersteuning.Ondersteuningsvraag",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besluit (ondersteuningsvraag)"),
    )
    # Copied from the dossier and the vraag: the scope of the record (leerlingscope).
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school van herkomst"),
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
    )
    status = FSMField(
        _("status"),
        default=Status.WACHTLIJST,
        choices=Status.choices,
        protected=True,
        max_length=20,
    )
    aangemeld_op = models.DateField(_("op de wachtlijst sinds"), default=timezone.localdate)
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    boven_capaciteit = models.BooleanField(_("boven de capaciteit geplaatst"), default=False)
    capaciteit_reden = models.TextField(_("reden voor plaatsing boven de capaciteit"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    geanonimiseerd_op = models.DateField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Na afloop van de bewaartermijn: de teksten over de leerling verwijderd."),
    )

    class Meta:
        ordering = ["aangemeld_op", "id"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(boven_capaciteit=False) | ~Q(capaciteit_reden=""),
                name="plaatsing_boven_capaciteit_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["geplaatst", "beeindigd"]) | Q(startdatum__isnull=False),
                name="plaatsing_geplaatst_met_startdatum",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(einddatum__gte=models.F("startdatum")),
                name="plaatsing_einde_na_start",
            ),
            # One open placement (waiting or placed) per pupil per voorziening.
            models.UniqueConstraint(
                fields=["voorziening", "leerling"],
                condition=Q(status__in=["wachtlijst", "geplaatst"]),
                name="plaatsing_een_open_per_leerling",
            ),
        ]
        indexes = [
            models.Index(fields=["voorziening", "status"], name="plaatsing_vz_status_idx"),
            models.Index(fields=["swv", "status"], name="plaatsing_swv_status_idx"),
        ]

    def get_absolute_url(self):
        return reverse("voorzieningen:plaatsing", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    @transition(field=status, source=Status.WACHTLIJST, target=Status.GEPLAATST)
    def plaatsen(self):
        pass

    @transition(field=status, source=Status.GEPLAATST, target=Status.BEEINDIGD)
    def beeindigen(self):
        pass

    @transition(field=status, source=Status.WACHTLIJST, target=Status.VERVALLEN)
    def laten_vervallen(self):
        pass


class PlaatsingGeschiedenis(StatusHistorie):
    plaatsing = models.ForeignKey(Plaatsing, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)

    objects = KindQuerySet.van("plaatsing")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging plaatsing")
        verbose_name_plural = _("statuswijzigingen plaatsing")
        indexes = [models.Index(fields=["plaatsing", "tijdstip"], name="plaatsing_historie_idx")]
