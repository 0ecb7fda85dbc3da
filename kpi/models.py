"""KPI definitions and their streefwaarden. Core models; the KPI app builds on them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ondersteuningsplan.models import Speerpunt


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

    class Meta:
        ordering = ["speerpunt", "volgorde", "id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPI's")

    def __str__(self):
        return self.naam

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

    class Meta:
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
        """As the seeds write it: '< 10', '0', '25%' (a bare percentage means 'at least')."""
        getal = f"{self.waarde.normalize():f}".replace(".", ",")
        if self.kpi.type == KpiType.PERCENTAGE:
            getal += "%"
            if self.comparator == Comparator.MINSTENS:
                return getal
        if self.comparator == Comparator.GELIJK:
            return getal
        teken = {"<": "<", "<=": "≤", ">=": "≥", ">": ">"}[self.comparator]
        return f"{teken} {getal}"
