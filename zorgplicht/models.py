"""Zorgplicht: the written aanmelding of a pupil at a school, and the school's decision
within the term (6 weeks, once extendable by at most 4; `termijnen.py`).

An aanmelding is a pupil record: it points to the pupil's dossier (`leerlingen.Leerling`,
linked through `leerlingen.services.dossier_koppelen`; no BSN) and is scoped by its own
swv, school (the school of aanmelding) and trajectbegeleider
(`swv.selectors.leerlingscope`). Transitions are called only from the services, through
`swv.workflow.overgang` (history row and audit event naming the number, never the pupil).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from swv.models import Genummerd, Samenwerkingsverband, School
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie

from . import termijnen


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Ontvangen")
    VERLENGD = "verlengd", _("Termijn verlengd")
    BESLOTEN = "besloten", _("Besloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


OPEN_STATUSSEN = (Status.ONTVANGEN, Status.VERLENGD)


class Uitkomst(models.TextChoices):
    TOEGELATEN = "toegelaten", _("Toegelaten")
    ARRANGEMENT = "toegelaten_arrangement", _("Toegelaten met arrangement")
    ELDERS = "plaats_elders", _("Niet toegelaten: plaats elders aangeboden")
    PLAATSGEBREK = "geweigerd_plaatsgebrek", _("Geweigerd wegens plaatsgebrek")
    GRONDSLAG = "geweigerd_grondslag", _("Geweigerd op grond van de grondslag")


# Outcomes the parents must be told why (a refusal, or a place at another school).
MET_MOTIVERING = (Uitkomst.ELDERS, Uitkomst.PLAATSGEBREK, Uitkomst.GRONDSLAG)


class Aanmelding(Genummerd, ConcurrentTransitionMixin, models.Model):
    nummer_voorvoegsel = "AM"
    audit_soort = "aanmelding"

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
        verbose_name=_("school van aanmelding"),
    )
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
        verbose_name=_("leerlingdossier"),
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
    )
    ontvangen_op = models.DateField(
        _("schriftelijke aanmelding ontvangen op"),
        help_text=_("De termijn van zes weken loopt vanaf de dag na ontvangst."),
    )
    gevraagde_ondersteuning = models.TextField(_("gevraagde ondersteuning"))
    gewenste_startdatum = models.DateField(_("gewenste startdatum"), null=True, blank=True)
    status = FSMField(
        _("status"),
        default=Status.ONTVANGEN,
        choices=Status.choices,
        protected=True,
        max_length=20,
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    # The term, set by the services from termijnen.py (stored: lists sort and filter on it).
    uiterste_beslisdatum = models.DateField(_("uiterste beslisdatum"))
    tien_weken_op = models.DateField(_("einde van tien weken"))
    verlengd_op = models.DateField(_("verlengd op"), null=True, blank=True)
    verlenging_weken = models.PositiveSmallIntegerField(
        _("verlenging (weken)"), null=True, blank=True
    )
    verlenging_reden = models.TextField(_("reden van de verlenging"), blank=True)
    uitkomst = models.CharField(_("besluit"), max_length=30, choices=Uitkomst.choices, blank=True)
    aangeboden_school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangeboden school"),
    )
    besluit_toelichting = models.TextField(_("toelichting op het besluit"), blank=True)
    besloten_op = models.DateField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
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
        ordering = ["-id"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(verlenging_weken__isnull=True)
                | Q(verlenging_weken__gte=1, verlenging_weken__lte=termijnen.MAX_VERLENGING_WEKEN),
                name="aanmelding_verlenging_1_4_weken",
            ),
            # Extended once: date and weeks together, and only in (or after) state verlengd.
            models.CheckConstraint(
                condition=Q(verlengd_op__isnull=True, verlenging_weken__isnull=True)
                | Q(verlengd_op__isnull=False, verlenging_weken__isnull=False),
                name="aanmelding_verlenging_compleet",
            ),
            models.CheckConstraint(
                condition=(Q(status="besloten") & ~Q(uitkomst="") & Q(besloten_op__isnull=False))
                | (~Q(status="besloten") & Q(uitkomst="") & Q(besloten_op__isnull=True)),
                name="aanmelding_besluit_compleet",
            ),
            models.CheckConstraint(
                condition=Q(uitkomst="plaats_elders", aangeboden_school__isnull=False)
                | (~Q(uitkomst="plaats_elders") & Q(aangeboden_school__isnull=True)),
                name="aanmelding_elders_met_school",
            ),
            models.CheckConstraint(
                condition=Q(besloten_op__isnull=True)
                | Q(besloten_op__gte=models.F("ontvangen_op")),
                name="aanmelding_besluit_na_ontvangst",
            ),
            # One open aanmelding per pupil and school.
            models.UniqueConstraint(
                fields=["leerling", "school"],
                condition=Q(status__in=["ontvangen", "verlengd"]),
                name="aanmelding_een_open_per_school",
            ),
        ]
        indexes = [
            models.Index(fields=["swv", "status", "uiterste_beslisdatum"], name="aanm_swv_idx"),
            models.Index(fields=["school", "status"], name="aanm_school_idx"),
            models.Index(fields=["trajectbegeleider", "status"], name="aanm_tb_idx"),
        ]

    def get_absolute_url(self):
        return reverse("zorgplicht:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    def stand(self, vandaag=None) -> termijnen.Stand | None:
        """The term on `vandaag` (default today) while undecided; None once closed."""
        if not self.is_open:
            return None
        return termijnen.stand(
            self.uiterste_beslisdatum, self.tien_weken_op, vandaag or timezone.localdate()
        )

    @property
    def termijn(self) -> termijnen.Stand | None:
        return self.stand()

    @transition(field=status, source=Status.ONTVANGEN, target=Status.VERLENGD)
    def verlengen(self):
        pass

    @transition(field=status, source=list(OPEN_STATUSSEN), target=Status.BESLOTEN)
    def besluiten(self):
        pass

    @transition(field=status, source=list(OPEN_STATUSSEN), target=Status.INGETROKKEN)
    def intrekken(self):
        pass


class AanmeldingGeschiedenis(StatusHistorie):
    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)

    objects = KindQuerySet.van("aanmelding")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging aanmelding")
        verbose_name_plural = _("statuswijzigingen aanmelding")
        indexes = [models.Index(fields=["aanmelding", "tijdstip"], name="aanm_historie_idx")]
