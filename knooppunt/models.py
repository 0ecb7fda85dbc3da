"""The school's knooppunt (seed 001 §3.4.1): per school one knooppunt with its kernpartners
and a yearly evaluation (seed 004, procesindicatoren knooppunt), and the knooppuntoverleg
about one pupil, which can become an MDO (knooppunt toeleiding, seed 001 §5.2) by opening
the TLV route with the overleg's data.

The knooppunt itself (partners, evaluations) holds no pupil data and is scoped by its
school (`selectors.knooppunten_voor`). An overleg is a pupil record: it points to the
pupil's dossier and is scoped by its own swv, school and trajectbegeleider
(`swv.selectors.leerlingscope`). Transitions are called only from the services, through
`swv.workflow.overgang` (history row and audit event).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv.models import Genummerd, Samenwerkingsverband, School
from swv.schooljaar import schooljaar_label
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie


class PartnerRol(models.TextChoices):
    """The kernpartners of seed 001 §3.4.1, the SWV's trajectbegeleider (chair of the
    knooppunt toeleiding, §5.2) and others per case."""

    OUDERS = "ouders", _("Ouders/leerling")
    SCHOOL = "school", _("School")
    SMW = "smw", _("Schoolmaatschappelijk werk")
    LEERPLICHT = "leerplicht", _("Leerplicht")
    TOEGANG = "toegang", _("Gemeentelijke toegang")
    JGZ = "jgz", _("JGZ (jeugdarts)")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectbegeleider SWV")
    OVERIG = "overig", _("Overig (op maat)")


# The kernpartners every knooppunt has (seed 001 §3.4.1); the others join per case.
KERNROLLEN = (
    PartnerRol.OUDERS,
    PartnerRol.SCHOOL,
    PartnerRol.SMW,
    PartnerRol.LEERPLICHT,
    PartnerRol.TOEGANG,
    PartnerRol.JGZ,
)


class Knooppunt(Genummerd, models.Model):
    nummer_voorvoegsel = "KP"
    nummer_cijfers = 5
    audit_soort = "knooppunt"

    school = models.OneToOneField(
        School, on_delete=models.PROTECT, related_name="knooppunt", verbose_name=_("school")
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    werkwijze = models.TextField(
        _("werkwijze en frequentie"),
        blank=True,
        help_text=_("De afspraken van de school over werkwijze en frequentie van het knooppunt."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("ingericht op"), default=timezone.now)

    class Meta:
        ordering = ["school__naam", "id"]
        verbose_name = _("knooppunt")
        verbose_name_plural = _("knooppunten")

    def __str__(self):
        return _("Knooppunt %(school)s") % {"school": self.school.naam}

    def get_absolute_url(self):
        return reverse("knooppunt:detail", args=[self.pk])


class Kernpartner(models.Model):
    knooppunt = models.ForeignKey(
        Knooppunt, on_delete=models.CASCADE, related_name="partners", verbose_name=_("knooppunt")
    )
    rol = models.CharField(_("rol"), max_length=20, choices=PartnerRol.choices)
    naam = models.CharField(_("naam"), max_length=120)
    organisatie = models.CharField(_("organisatie"), max_length=160, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)

    objects = KindQuerySet.van("knooppunt")

    class Meta:
        ordering = ["knooppunt", "rol", "naam", "id"]
        verbose_name = _("kernpartner")
        verbose_name_plural = _("kernpartners")

    def __str__(self):
        return f"{self.get_rol_display()}: {self.naam}"

    @property
    def audit_label(self) -> str:
        return f"kernpartner {self.pk} ({self.rol})"


class KnooppuntEvaluatie(models.Model):
    """The yearly evaluation of working method and functioning (seed 001 §3.4.1: at least
    once a year), with the procesindicatoren of seed 004 (35-42) and the counts of the
    school year's overleggen."""

    knooppunt = models.ForeignKey(
        Knooppunt,
        on_delete=models.CASCADE,
        related_name="evaluaties",
        verbose_name=_("knooppunt"),
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    datum = models.DateField(_("datum evaluatie"))
    aantal_overleggen = models.PositiveIntegerField(_("aantal gehouden knooppuntoverleggen"))
    aantal_leerlingen = models.PositiveIntegerField(_("aantal besproken leerlingen"))
    aantal_doorverwijzingen = models.PositiveIntegerField(
        _("aantal doorverwijzingen naar een MDO (knooppunt toeleiding)")
    )
    tevredenheid_partners = models.PositiveSmallIntegerField(
        _("tevredenheid kernpartners (1-10)"), null=True, blank=True
    )
    tevredenheid_ouders = models.PositiveSmallIntegerField(
        _("tevredenheid over de samenwerking met ouders (1-10)"),
        null=True,
        blank=True,
        help_text=_("Indicator 26: de samenwerking met ouders in het knooppunt."),
    )
    werkafspraken = models.BooleanField(
        _("er zijn werkafspraken met de kernpartners gemaakt (42)"), null=True, blank=True
    )
    mandaat = models.BooleanField(
        _("deelnemers vanuit onderwijs hebben mandaat (40)"), null=True, blank=True
    )
    privacyproof = models.BooleanField(
        _("communicatie binnen het knooppunt verloopt privacyproof (38)"), null=True, blank=True
    )
    toestemming_bij_inschrijving = models.BooleanField(
        _("ouders geven bij inschrijving toestemming voor het knooppunt (39)"),
        null=True,
        blank=True,
    )
    conclusies = models.TextField(_("conclusies"), blank=True)
    verbeterpunten = models.TextField(_("verbeterpunten"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = KindQuerySet.van("knooppunt")

    class Meta:
        ordering = ["knooppunt", "-schooljaar"]
        verbose_name = _("knooppuntevaluatie")
        verbose_name_plural = _("knooppuntevaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["knooppunt", "schooljaar"],
                name="knooppunt_een_evaluatie_per_jaar",
                violation_error_message=_(
                    "Voor dit schooljaar is de evaluatie van dit knooppunt al vastgelegd."
                ),
            ),
            models.CheckConstraint(
                condition=Q(tevredenheid_partners__isnull=True)
                | Q(tevredenheid_partners__gte=1, tevredenheid_partners__lte=10),
                name="knooppunt_tevredenheid_partners_1_10",
            ),
            models.CheckConstraint(
                condition=Q(tevredenheid_ouders__isnull=True)
                | Q(tevredenheid_ouders__gte=1, tevredenheid_ouders__lte=10),
                name="knooppunt_tevredenheid_ouders_1_10",
            ),
        ]

    def __str__(self):
        return f"{self.knooppunt.nummer} {self.schooljaar_label}"

    @property
    def schooljaar_label(self) -> str:
        return schooljaar_label(self.schooljaar)

    @property
    def audit_label(self) -> str:
        return f"evaluatie {self.knooppunt.nummer} {self.schooljaar_label}"


# The knooppuntoverleg about one pupil ----------------------------------------------------


class Status(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    NAAR_MDO = "naar_mdo", _("Omgezet naar MDO")


class Knooppuntoverleg(Genummerd, ConcurrentTransitionMixin, models.Model):
    nummer_voorvoegsel = "KO"
    audit_soort = "knooppuntoverleg"

    knooppunt = models.ForeignKey(
        Knooppunt,
        on_delete=models.PROTECT,
        related_name="overleggen",
        verbose_name=_("knooppunt"),
    )
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        related_name="knooppuntoverleggen",
        verbose_name=_("leerlingdossier"),
    )
    # The pupil-record scope (leerlingscope) on the overleg's own fields.
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
    )
    datum = models.DateField(_("datum overleg"))
    rollen_aanwezig = models.JSONField(
        _("aanwezige kernpartners"),
        default=list,
        blank=True,
        help_text=_("De rollen die aan het overleg deelnamen."),
    )
    deelnemers = models.TextField(
        _("deelnemers"),
        blank=True,
        help_text=_("Naam en organisatie van wie deelnam, één per regel."),
    )
    integraal_beeld = models.TextField(_("integraal beeld"), blank=True)
    interventies_onderwijs = models.TextField(_("interventies onderwijs"), blank=True)
    interventies_gemeente = models.TextField(_("interventies gemeente (jeugdhulp)"), blank=True)
    interventies_zorg = models.TextField(_("interventies zorg"), blank=True)
    regie_rol = models.CharField(
        _("regie bij (rol)"), max_length=20, choices=PartnerRol.choices, blank=True
    )
    regie_naam = models.CharField(_("regie bij (naam)"), max_length=120, blank=True)
    volgende_evaluatie = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    status = FSMField(
        _("status"), default=Status.GEPLAND, choices=Status.choices, protected=True, max_length=20
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    aanvraag = models.OneToOneField(
        "toelaatbaarheid.Aanvraag",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knooppuntoverleg",
        verbose_name=_("TLV-aanvraag (MDO)"),
    )
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
        ordering = ["-datum", "-id"]
        verbose_name = _("knooppuntoverleg")
        verbose_name_plural = _("knooppuntoverleggen")
        constraints = [
            models.CheckConstraint(
                condition=Q(volgende_evaluatie__isnull=True) | Q(volgende_evaluatie__gt=F("datum")),
                name="knooppuntoverleg_evaluatie_na_datum",
                violation_error_message=_(
                    "De volgende evaluatie ligt na de datum van het overleg."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="naar_mdo") | Q(aanvraag__isnull=False),
                name="knooppuntoverleg_mdo_heeft_aanvraag",
            ),
        ]
        indexes = [
            models.Index(fields=["knooppunt", "-datum"], name="kpoverleg_knooppunt_idx"),
            models.Index(fields=["school", "-datum"], name="kpoverleg_school_idx"),
            models.Index(fields=["swv", "status"], name="kpoverleg_swv_status_idx"),
        ]

    def get_absolute_url(self):
        return reverse("knooppunt:overleg", args=[self.pk])

    def get_rollen_aanwezig_display(self) -> list[str]:
        labels = dict(PartnerRol.choices)
        return [str(labels.get(r, r)) for r in self.rollen_aanwezig]

    @transition(field=status, source=Status.GEPLAND, target=Status.GEHOUDEN)
    def houden(self):
        pass

    @transition(field=status, source=Status.GEHOUDEN, target=Status.NAAR_MDO)
    def naar_mdo(self):
        pass


class OverlegGeschiedenis(StatusHistorie):
    overleg = models.ForeignKey(Knooppuntoverleg, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)

    objects = KindQuerySet.van("overleg")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging knooppuntoverleg")
        verbose_name_plural = _("statuswijzigingen knooppuntoverleg")
