"""The leerlingdossier: one record per pupil within an SWV, to which every part of the
ondersteuningsroute attaches (TLV cases, thuiszitter registrations, and later
ondersteuningsvragen, arrangementen, placements). The dossier holds only who the pupil
is (no BSN, no health data); what happened is in the records that point to it, shown as
one timeline (`leerlingen.tijdlijn`).

Scoped as every pupil record (`swv.selectors.leerlingscope`): by the dossier's SWV, its
current school and its trajectbegeleider. A parent is invited to exactly one dossier
(a later part: an invitation row pointing here), and arrangement costs carry the
dossier's SWV and school so they can feed a budget.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from swv.models import Samenwerkingsverband, School
from swv.selectors import KindQuerySet


def leerling_sleutel(voornaam: str, achternaam: str) -> str:
    """Identity of a pupil for the duplicate check: case- and space-insensitive name,
    together with the date of birth (the school is left out: a pupil who moves school
    keeps one dossier)."""
    return " ".join(f"{voornaam} {achternaam}".lower().split())


class Leerling(models.Model):
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
        verbose_name=_("huidige school"),
        help_text=_("Leeg voor een kind dat nog niet op een school staat (voorschool)."),
    )
    voornaam = models.CharField(_("voornaam"), max_length=80)
    achternaam = models.CharField(_("achternaam"), max_length=120, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    groep = models.PositiveSmallIntegerField(
        _("groep"), null=True, blank=True, help_text=_("Groep 1-8 (PO) of leerjaar (VO).")
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
        help_text=_(
            "Zolang niemand is gekozen, zien alle trajectbegeleiders van het "
            "samenwerkingsverband het dossier."
        ),
    )
    leerling_sleutel = models.CharField(max_length=210, editable=False, db_index=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    geanonimiseerd_op = models.DateField(
        _("geanonimiseerd op"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["achternaam", "voornaam", "id"]
        verbose_name = _("leerlingdossier")
        verbose_name_plural = _("leerlingdossiers")
        indexes = [models.Index(fields=["swv", "school"], name="leerling_swv_school_idx")]
        constraints = [
            # One dossier per pupil within an SWV (same name and date of birth).
            models.UniqueConstraint(
                fields=["swv", "leerling_sleutel", "geboortedatum"],
                condition=Q(geboortedatum__isnull=False, geanonimiseerd_op__isnull=True),
                name="leerling_een_dossier_per_swv",
                violation_error_message=_(
                    "Voor deze leerling bestaat al een dossier in dit samenwerkingsverband."
                ),
            ),
        ]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        self.leerling_sleutel = leerling_sleutel(self.voornaam, self.achternaam)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("leerlingen:detail", args=[self.pk])

    @property
    def naam(self) -> str:
        return f"{self.voornaam} {self.achternaam}".strip()

    @property
    def nummer(self) -> str:
        return f"LD-{self.pk:06d}"

    @property
    def audit_label(self) -> str:
        # Never the name: audit lines and logs name the dossier by its number.
        return f"dossier {self.nummer}"


class Toestemming(models.Model):
    """The parents' consent to share the pupil's data with the SWV and the network
    partners (AVG): who gave it, on what date, recorded by whom; withdrawn with a date."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="toestemmingen")
    gegeven_door = models.CharField(
        _("gegeven door"), max_length=120, help_text=_("Naam en relatie, bv. moeder, voogd.")
    )
    datum = models.DateField(_("datum toestemming"))
    reikwijdte = models.CharField(
        _("waarvoor"),
        max_length=200,
        default=_("Gegevens delen met het samenwerkingsverband en de kernpartners"),
    )
    ingetrokken_op = models.DateField(_("ingetrokken op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    objects = KindQuerySet.van("leerling")

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ingetrokken_op__isnull=True) | Q(ingetrokken_op__gte=models.F("datum")),
                name="toestemming_intrekking_na_datum",
                violation_error_message=_("Intrekken kan niet vóór de datum van de toestemming."),
            )
        ]

    def __str__(self):
        return f"toestemming {self.datum:%d-%m-%Y}"

    @property
    def geldig(self) -> bool:
        return self.ingetrokken_op is None
