"""The ondersteuningsroute: an ondersteuningsvraag of a school or trajectbegeleider to
the SWV, put on the agenda of a loket meeting and decided there; an individual
arrangement granted by such a decision (goals, hours or budget, period, the school that
carries it out), its evaluations, and its end or extension (a new decision).

Transitions are called only from the services, through `swv.workflow.overgang` (history
row and audit event). A vraag is a pupil record: it points to the pupil's dossier and is
scoped by its own swv, school and trajectbegeleider (`swv.selectors.leerlingscope`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv.models import Genummerd, Samenwerkingsverband, School
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie

# The TLV's private storage (no public URL): the one place pupil files live.
from toelaatbaarheid.models import prive_opslag


class LoketInstellingen(models.Model):
    """Terms the SWV sets itself (not law)."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="loket_instellingen",
        verbose_name=_("samenwerkingsverband"),
    )
    beslis_werkdagen = models.PositiveSmallIntegerField(
        _("werkdagen om te besluiten na het loketoverleg"), default=5
    )
    uurtarief = models.DecimalField(
        _("uurtarief arrangementen (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("65.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("De kosten van een arrangement in uren: uren per week × weken × dit tarief."),
    )

    class Meta:
        verbose_name = _("loketinstellingen")
        verbose_name_plural = _("loketinstellingen")

    def __str__(self):
        return f"Loketinstellingen {self.swv.code}"


# The loket meeting ---------------------------------------------------------------------


class OverlegStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    AFGEROND = "afgerond", _("Afgerond")


class Loketoverleg(Genummerd, ConcurrentTransitionMixin, models.Model):
    nummer_voorvoegsel = "LO"
    nummer_cijfers = 5
    audit_soort = "loketoverleg"

    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    datum = models.DateField(_("datum"))
    deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("deelnemers")
    )
    gasten = models.TextField(
        _("gasten"),
        blank=True,
        help_text=_("Overige deelnemers (naam en organisatie), één per regel."),
    )
    status = FSMField(
        _("status"),
        default=OverlegStatus.GEPLAND,
        choices=OverlegStatus.choices,
        protected=True,
        max_length=20,
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("loketoverleg")
        verbose_name_plural = _("loketoverleggen")
        indexes = [models.Index(fields=["swv", "-datum"], name="loket_swv_datum_idx")]

    def get_absolute_url(self):
        return reverse("ondersteuning:loket-detail", args=[self.pk])

    @transition(field=status, source=OverlegStatus.GEPLAND, target=OverlegStatus.GEHOUDEN)
    def houden(self):
        pass

    @transition(field=status, source=OverlegStatus.GEHOUDEN, target=OverlegStatus.AFGEROND)
    def afronden(self):
        pass


class OverlegGeschiedenis(StatusHistorie):
    overleg = models.ForeignKey(Loketoverleg, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=OverlegStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=OverlegStatus.choices)

    objects = KindQuerySet.van("overleg")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging loketoverleg")
        verbose_name_plural = _("statuswijzigingen loketoverleg")


# The vraag -----------------------------------------------------------------------------


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    GEAGENDEERD = "geagendeerd", _("Geagendeerd")
    BESLOTEN = "besloten", _("Besloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


OPEN_STATUSSEN = (Status.CONCEPT, Status.INGEDIEND, Status.GEAGENDEERD)


class Soort(models.TextChoices):
    ADVIES = "advies", _("Advies of consultatie")
    ONDERZOEK = "onderzoek", _("Observatie of onderzoek")
    ARRANGEMENT = "arrangement", _("Individueel arrangement")
    VOORZIENING = "voorziening", _("Plaats in een voorziening")
    TLV = "tlv", _("Toelaatbaarheidsverklaring (TLV)")


class Besluit(models.TextChoices):
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Ondersteuningsvraag(Genummerd, ConcurrentTransitionMixin, models.Model):
    nummer_voorvoegsel = "OV"
    audit_soort = "vraag"

    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        related_name="ondersteuningsvragen",
        verbose_name=_("leerlingdossier"),
    )
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
        verbose_name=_("school"),
    )
    soort = models.CharField(_("soort vraag"), max_length=20, choices=Soort.choices)
    vraag = models.TextField(_("vraag aan het samenwerkingsverband"))
    niveaus_1_4 = models.TextField(_("wat is gedaan in ondersteuningsniveau 1-4"), blank=True)
    zienswijze_ouders = models.TextField(_("zienswijze van de ouders"), blank=True)
    toestemming = models.ForeignKey(
        "leerlingen.Toestemming",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toestemming ouders"),
    )
    status = FSMField(
        _("status"), default=Status.CONCEPT, choices=Status.choices, protected=True, max_length=20
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    ingediend_op = models.DateField(_("ingediend op"), null=True, blank=True)
    overleg = models.ForeignKey(
        Loketoverleg,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vragen",
        verbose_name=_("loketoverleg"),
    )
    uiterlijk_besluit = models.DateField(_("uiterlijk besluit"), null=True, blank=True)
    besluit = models.CharField(_("besluit"), max_length=10, choices=Besluit.choices, blank=True)
    besluit_reden = models.TextField(_("reden van het besluit"), blank=True)
    besloten_op = models.DateField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    geanonimiseerd_op = models.DateField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Na afloop van de bewaartermijn: de teksten over de leerling verwijderd."),
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("ondersteuningsvraag")
        verbose_name_plural = _("ondersteuningsvragen")
        constraints = [
            # A decided vraag has its decision, reason and date; an undecided one none.
            models.CheckConstraint(
                condition=(
                    Q(status="besloten")
                    & ~Q(besluit="")
                    & ~Q(besluit_reden="")
                    & Q(besloten_op__isnull=False)
                )
                | (~Q(status="besloten") & Q(besluit="")),
                name="vraag_besluit_compleet",
            ),
            models.CheckConstraint(
                condition=~Q(status="geagendeerd") | Q(overleg__isnull=False),
                name="vraag_geagendeerd_op_overleg",
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "status", "-id"], name="vraag_swv_status_idx"),
            models.Index(fields=["school", "-id"], name="vraag_school_idx"),
            models.Index(fields=["trajectbegeleider", "-id"], name="vraag_tb_idx"),
        ]

    def get_absolute_url(self):
        return reverse("ondersteuning:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    @property
    def termijn_verstreken(self) -> bool:
        """On an agenda, past the beslistermijn and not decided."""
        return bool(
            self.uiterlijk_besluit
            and not self.besloten_op
            and timezone.localdate() > self.uiterlijk_besluit
        )

    @transition(field=status, source=Status.CONCEPT, target=Status.INGEDIEND)
    def indienen(self):
        pass

    @transition(field=status, source=Status.INGEDIEND, target=Status.GEAGENDEERD)
    def agenderen(self):
        pass

    @transition(field=status, source=Status.GEAGENDEERD, target=Status.INGEDIEND)
    def van_agenda_halen(self):
        pass

    @transition(field=status, source=Status.GEAGENDEERD, target=Status.BESLOTEN)
    def toekennen(self):
        self.besluit = Besluit.TOEGEKEND

    @transition(field=status, source=Status.GEAGENDEERD, target=Status.BESLOTEN)
    def afwijzen(self):
        self.besluit = Besluit.AFGEWEZEN

    @transition(field=status, source=list(OPEN_STATUSSEN), target=Status.INGETROKKEN)
    def intrekken(self):
        pass


class VraagGeschiedenis(StatusHistorie):
    vraag = models.ForeignKey(
        Ondersteuningsvraag, on_delete=models.CASCADE, related_name="historie"
    )
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)

    objects = KindQuerySet.van("vraag")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging vraag")
        verbose_name_plural = _("statuswijzigingen vraag")
        indexes = [models.Index(fields=["vraag", "tijdstip"], name="vraag_historie_idx")]


# The individual arrangement ------------------------------------------------------------


class ArrangementStatus(models.TextChoices):
    LOPEND = "lopend", _("Lopend")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    VERLENGD = "verlengd", _("Verlengd")


class Arrangement(Genummerd, ConcurrentTransitionMixin, models.Model):
    """Individual extra support for one pupil, granted by a loket decision on a vraag of
    soort arrangement (`vraag`), or by an extension of an earlier arrangement (`vorige`).
    `kosten` is computed by the service when the arrangement is granted or ended
    (budget plus uren per week × weken × uurtarief) and stored, so totals are one query.
    Scoped like the vraag: by its own swv, (uitvoerende) school and trajectbegeleider."""

    nummer_voorvoegsel = "AR"
    audit_soort = "arrangement"

    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        related_name="arrangementen",
        verbose_name=_("leerlingdossier"),
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("samenwerkingsverband"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uitvoerende school"),
    )
    vraag = models.ForeignKey(
        Ondersteuningsvraag,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arrangementen",
        verbose_name=_("besluit op vraag"),
    )
    vorige = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verlenging",
        verbose_name=_("verlenging van"),
    )
    doelen = models.TextField(_("doelen"))
    uren_per_week = models.DecimalField(
        _("uren per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    uurtarief = models.DecimalField(
        _("uurtarief (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    kosten = models.DecimalField(_("kosten (EUR)"), max_digits=12, decimal_places=2)
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"))
    status = FSMField(
        _("status"),
        default=ArrangementStatus.LOPEND,
        choices=ArrangementStatus.choices,
        protected=True,
        max_length=20,
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
    )
    besloten_op = models.DateField(_("besloten op"), default=timezone.localdate)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    reden_einde = models.TextField(_("reden van beëindigen"), blank=True)
    geanonimiseerd_op = models.DateField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Na afloop van de bewaartermijn: de teksten over de leerling verwijderd."),
    )

    class Meta:
        ordering = ["-startdatum", "-id"]
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementen")
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=models.F("startdatum")),
                name="arrangement_einde_na_start",
            ),
            models.CheckConstraint(
                # IS NOT NULL spelled out: a CHECK on NULL alone would pass.
                condition=Q(uren_per_week__isnull=False, uren_per_week__gt=0)
                | Q(budget__isnull=False, budget__gt=0),
                name="arrangement_uren_of_budget",
            ),
            models.CheckConstraint(
                condition=Q(vraag__isnull=False) | Q(vorige__isnull=False),
                name="arrangement_uit_besluit",
            ),
            models.CheckConstraint(condition=Q(kosten__gte=0), name="arrangement_kosten"),
            models.CheckConstraint(
                condition=~Q(status="beeindigd") | Q(beeindigd_op__isnull=False),
                name="arrangement_beeindigd_op",
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "status", "-startdatum"], name="arr_swv_status_idx"),
            # The list's order (newest first) read from an index, for any scope.
            models.Index(fields=["-startdatum", "-id"], name="arr_volgorde_idx"),
            models.Index(fields=["school", "-startdatum"], name="arr_school_idx"),
            models.Index(fields=["trajectbegeleider", "-startdatum"], name="arr_tb_idx"),
        ]

    def get_absolute_url(self):
        return reverse("ondersteuning:arrangement-detail", args=[self.pk])

    @transition(field=status, source=ArrangementStatus.LOPEND, target=ArrangementStatus.BEEINDIGD)
    def beeindigen(self):
        pass

    @transition(field=status, source=ArrangementStatus.LOPEND, target=ArrangementStatus.VERLENGD)
    def verlengen(self):
        pass


class ArrangementGeschiedenis(StatusHistorie):
    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=ArrangementStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=ArrangementStatus.choices)

    objects = KindQuerySet.van("arrangement")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging arrangement")
        verbose_name_plural = _("statuswijzigingen arrangement")
        indexes = [models.Index(fields=["arrangement", "tijdstip"], name="arr_historie_idx")]


class Doelbereik(models.TextChoices):
    BEHAALD = "behaald", _("Doelen behaald")
    DEELS = "deels", _("Doelen deels behaald")
    NIET = "niet", _("Doelen niet behaald")


class Vervolg(models.TextChoices):
    VOORTZETTEN = "voortzetten", _("Voortzetten")
    STOPPEN = "stoppen", _("Stoppen")
    OPSCHALEN = "opschalen", _("Opschalen")


class Evaluatie(models.Model):
    """An evaluation moment of an arrangement: planned (`gepland_op`), and once held the
    evaluation itself (when, the goals met or not, what next). Inherits the arrangement's
    scope."""

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="evaluaties"
    )
    gepland_op = models.DateField(_("gepland op"))
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    doelen = models.CharField(_("doelen"), max_length=10, choices=Doelbereik.choices, blank=True)
    vervolg = models.CharField(_("vervolg"), max_length=12, choices=Vervolg.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    objects = KindQuerySet.van("arrangement")

    class Meta:
        ordering = ["gepland_op", "id"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            # Held: with its outcome; planned: none yet.
            models.CheckConstraint(
                condition=(Q(gehouden_op__isnull=False) & ~Q(doelen="") & ~Q(vervolg=""))
                | (Q(gehouden_op__isnull=True) & Q(doelen="") & Q(vervolg="")),
                name="evaluatie_compleet",
            ),
        ]

    def __str__(self):
        return f"evaluatie {self.pk}"

    @property
    def gehouden(self) -> bool:
        return self.gehouden_op is not None


# Attachments of a vraag -------------------------------------------------------------------


def bijlage_pad(instance, filename):
    # A random name on disk: the original name may contain the pupil's name.
    import uuid

    return f"ondersteuning/{instance.vraag_id}/{uuid.uuid4().hex}"


class VraagBijlage(models.Model):
    """A document the school or trajectbegeleider adds to a vraag (an OPP, a report): a
    file on the private storage like the TLV's attachments, checked by its bytes
    (`toelaatbaarheid.validators`). Inherits the vraag's scope."""

    vraag = models.ForeignKey(
        Ondersteuningsvraag, on_delete=models.CASCADE, related_name="bijlagen"
    )
    bestand = models.FileField(_("bestand"), upload_to=bijlage_pad, storage=prive_opslag)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    mime = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    objects = KindQuerySet.van("vraag")

    class Meta:
        ordering = ["geupload_op", "id"]
        verbose_name = _("bijlage bij een vraag")
        verbose_name_plural = _("bijlagen bij vragen")

    def __str__(self):
        return f"Bijlage {self.pk}"
