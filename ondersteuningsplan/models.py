"""The ondersteuningsplan (WPO art. 18a). Core models; the plan app builds on them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from swv.models import Samenwerkingsverband


class Ondersteuningsplan(models.Model):
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
