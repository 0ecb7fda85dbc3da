"""Organisation data: samenwerkingsverbanden, gemeenten, besturen, scholen, leerlingtellingen, users."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Rol


class Genummerd:
    """A record known by its number (TLV-000123 style) in pages, mails and the audit trail,
    never by the pupil's name: a model sets `nummer_voorvoegsel`, `nummer_cijfers` and
    `audit_soort` ("plaatsing" gives the audit label "plaatsing PL-000001"). Put it before
    `models.Model` in the bases; a model with another `__str__` keeps its own."""

    nummer_voorvoegsel = ""
    nummer_cijfers = 6
    audit_soort = ""

    def __str__(self):
        return self.nummer

    @property
    def nummer(self) -> str:
        if not self.pk:
            return f"{self.nummer_voorvoegsel}-nieuw"
        return f"{self.nummer_voorvoegsel}-{self.pk:0{self.nummer_cijfers}d}"

    @property
    def audit_label(self) -> str:
        return f"{self.audit_soort} {self.nummer}"


class Sector(models.TextChoices):
    PO = "PO", _("Primair onderwijs")
    VO = "VO", _("Voortgezet onderwijs")


class Samenwerkingsverband(models.Model):
    code = models.CharField(
        _("code"), max_length=6, unique=True, help_text=_("Bijvoorbeeld PO3104.")
    )
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    formele_naam = models.CharField(
        _("formele naam"),
        max_length=250,
        blank=True,
        help_text=_("Zoals in de statuten; staat op beschikkingen."),
    )
    postadres = models.CharField(_("postadres"), max_length=250, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")

    def __str__(self):
        return f"{self.code} {self.naam}".strip()

    def get_absolute_url(self):
        return reverse("swv:swv-detail", args=[self.pk])

    @property
    def sector(self) -> str:
        return self.code[:2]


class Gemeente(models.Model):
    code = models.CharField(_("CBS-code"), max_length=4, unique=True, null=True, blank=True)
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband,
        related_name="gemeenten",
        blank=True,
        verbose_name=_("samenwerkingsverbanden"),
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("swv:gemeente-detail", args=[self.pk])


class Schoolbestuur(models.Model):
    nummer = models.CharField(_("bevoegd-gezagnummer"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=200)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("schoolbestuur")
        verbose_name_plural = _("schoolbesturen")

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("swv:bestuur-detail", args=[self.pk])


class Schoolsoort(models.TextChoices):
    BAO = "BAO", _("Basisonderwijs (BaO)")
    SBO = "SBO", _("Speciaal basisonderwijs (SBO)")
    SO = "SO", _("Speciaal onderwijs (SO)")
    SO_VSO = "SO_VSO", _("SO/VSO")
    VSO = "VSO", _("Voortgezet speciaal onderwijs (VSO)")


class Cluster(models.IntegerChoices):
    VISUEEL = 1, _("Cluster 1 (visueel)")
    AUDITIEF = 2, _("Cluster 2 (auditief/communicatief)")
    LICHAMELIJK_VERSTANDELIJK = 3, _("Cluster 3 (lichamelijk/verstandelijk)")
    GEDRAG_PSYCHIATRISCH = 4, _("Cluster 4 (gedrag/psychiatrisch)")


class SchoolQuerySet(models.QuerySet):
    def binnen_swv(self):
        """Schools that belong to an SWV's task: everything except cluster 1 and 2 (domain.md)."""
        return self.exclude(cluster__in=[Cluster.VISUEEL, Cluster.AUDITIEF])


class School(models.Model):
    vestigingscode = models.CharField(_("vestigingscode"), max_length=6, unique=True)
    instellingscode = models.CharField(_("instellingscode (BRIN)"), max_length=4, db_index=True)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=6, choices=Schoolsoort.choices, db_index=True)
    cluster = models.PositiveSmallIntegerField(
        _("cluster"), choices=Cluster.choices, null=True, blank=True
    )
    denominatie = models.CharField(_("denominatie"), max_length=100, blank=True)
    straat = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="scholen", verbose_name=_("gemeente")
    )
    bestuur = models.ForeignKey(
        Schoolbestuur, on_delete=models.PROTECT, related_name="scholen", verbose_name=_("bestuur")
    )
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="scholen",
        null=True,
        blank=True,
        verbose_name=_("samenwerkingsverband"),
    )

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["naam", "vestigingscode"]
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        constraints = [
            models.CheckConstraint(
                condition=Q(cluster__isnull=True) | Q(soort__in=["SO", "SO_VSO", "VSO"]),
                name="school_cluster_alleen_so",
                violation_error_message=_("Alleen (V)SO-scholen hebben een cluster."),
            )
        ]

    def __str__(self):
        return f"{self.naam} ({self.vestigingscode})"

    def get_absolute_url(self):
        return reverse("swv:school-detail", args=[self.pk])


class Leerlingtelling(models.Model):
    """Pupils of one vestiging on one counting date. DUO masks counts below 5 as '<5'."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="tellingen")
    teldatum = models.DateField(_("teldatum"))
    aantal = models.PositiveIntegerField(_("aantal"), null=True, blank=True)
    gemaskeerd = models.BooleanField(_("minder dan 5 (gemaskeerd)"), default=False)

    class Meta:
        ordering = ["school", "teldatum"]
        verbose_name = _("leerlingtelling")
        verbose_name_plural = _("leerlingtellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "teldatum"], name="telling_uniek_per_school_datum"
            ),
            models.CheckConstraint(
                condition=Q(gemaskeerd=True, aantal__isnull=True)
                | Q(gemaskeerd=False, aantal__isnull=False),
                name="telling_aantal_of_masker",
            ),
        ]

    def __str__(self):
        return f"{self.school} {self.teldatum:%d-%m-%Y}: {self.weergave}"

    @property
    def weergave(self) -> str:
        return "<5" if self.gemaskeerd else str(self.aantal)


class Gebruiker(AbstractUser):
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.MEDEWERKER)
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband,
        related_name="gebruikers",
        blank=True,
        verbose_name=_("samenwerkingsverbanden"),
        help_text=_("Voor medewerkers, directeur, trajectbegeleiders, deskundigen en OPR-leden."),
    )
    bestuur = models.ForeignKey(
        Schoolbestuur,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
        verbose_name=_("schoolbestuur"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebruikers",
        verbose_name=_("school"),
    )
    privacyrol = models.BooleanField(
        _("privacyfunctionaris"),
        default=False,
        help_text=_("Mag de audittrail doorzoeken en inzageverzoeken (AVG) afhandelen."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(rol="bestuur") | Q(bestuur__isnull=False),
                name="gebruiker_bestuur_heeft_bestuur",
                violation_error_message=_("Een bestuursgebruiker hoort bij een schoolbestuur."),
            ),
            models.CheckConstraint(
                condition=~Q(rol="school") | Q(school__isnull=False),
                name="gebruiker_school_heeft_school",
                violation_error_message=_("Een schoolgebruiker hoort bij een school."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.rol == Rol.BESTUUR and not self.bestuur_id:
            raise ValidationError(
                {"bestuur": _("Kies het schoolbestuur waarvoor deze gebruiker werkt.")}
            )
        if self.rol == Rol.SCHOOL and not self.school_id:
            raise ValidationError({"school": _("Kies de school waarvoor deze gebruiker werkt.")})


class RegioPostcode(models.Model):
    """Regeling regio-indeling (2015): four-digit postcode to PO and VO samenwerkingsverband."""

    pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, unique=True)
    gemeente = models.CharField(_("gemeente (2015)"), max_length=100)
    po_swv = models.CharField(_("PO-samenwerkingsverband"), max_length=20)
    vo_swv = models.CharField(_("VO-samenwerkingsverband"), max_length=20)

    class Meta:
        ordering = ["pc4"]
        verbose_name = _("regio-indeling per postcode")
        verbose_name_plural = _("regio-indeling per postcode")

    def __str__(self):
        return f"{self.pc4}: {self.po_swv}/{self.vo_swv}"


class RegioGemeente(models.Model):
    """Regeling regio-indeling (2013): municipality (by 2013 name) to samenwerkingsverband."""

    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)
    gemeente = models.CharField(_("gemeente (2013)"), max_length=100)
    swv_code = models.CharField(_("samenwerkingsverband"), max_length=6)

    class Meta:
        ordering = ["sector", "gemeente"]
        verbose_name = _("regio-indeling per gemeente")
        verbose_name_plural = _("regio-indeling per gemeente")
        constraints = [
            models.UniqueConstraint(fields=["sector", "gemeente"], name="regio_gemeente_uniek")
        ]

    def __str__(self):
        return f"{self.gemeente} ({self.sector}): {self.swv_code}"


class AuditActie(models.TextChoices):
    BEKEKEN = "bekeken", _("bekeken")
    AANGEMAAKT = "aangemaakt", _("aangemaakt")
    GEWIJZIGD = "gewijzigd", _("gewijzigd")
    VERWIJDERD = "verwijderd", _("verwijderd")
    OVERGANG = "overgang", _("status gewijzigd")
    GEEXPORTEERD = "geexporteerd", _("geëxporteerd")
    GEDOWNLOAD = "gedownload", _("gedownload")
    GEANONIMISEERD = "geanonimiseerd", _("geanonimiseerd")
    AANGEMELD = "aangemeld", _("aangemeld")
    AANMELDEN_MISLUKT = "aanmelden_mislukt", _("aanmelden mislukt")


class AuditEvent(models.Model):
    """One entry of the audit trail. Written through `swv.audit`, never changed afterwards.

    `omschrijving` and `details` never hold pupil data: they name the record (type and
    id, a case number) and which fields changed, not their values.
    """

    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    gebruiker = models.ForeignKey(
        Gebruiker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    rol = models.CharField(_("rol"), max_length=20, blank=True)
    actie = models.CharField(_("actie"), max_length=20, choices=AuditActie.choices, db_index=True)
    object_type = models.CharField(_("soort gegeven"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("id"), max_length=64, blank=True, db_index=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        indexes = [
            models.Index(fields=["object_type", "object_id", "tijdstip"], name="audit_object_idx")
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Auditregels zijn onveranderlijk.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Auditregels worden niet verwijderd.")


class Document(models.Model):
    """A PDF the SWV issued (a beschikking, a letter, an adopted plan, a submitted
    verantwoording), kept as it was sent: the bytes in the database, written in the same
    transaction as the decision they record (nothing half-saved, no file without its
    record, backed up with the data), in their own table so that loading the record never
    loads the document. Never re-rendered: what was sent is what is served. Created and
    served through `swv.documenten`; uploads (bijlagen) are files on the private storage.
    """

    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    inhoud = models.BinaryField(_("inhoud"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("uitgegeven document")
        verbose_name_plural = _("uitgegeven documenten")

    def __str__(self):
        return self.bestandsnaam

    @property
    def grootte(self) -> int:
        return len(self.inhoud)


class TaakStatus(models.TextChoices):
    WACHTEND = "wachtend", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")
    GEREED = "gereed", _("Gereed")
    MISLUKT = "mislukt", _("Mislukt")


class Taak(models.Model):
    """Work a user started that runs in the background (a PDF, an import, mail), through
    `swv.taken`: what to run (a dotted path and its keyword arguments, ids only, never
    pupil data), who asked, where it went, and the document it produced. The user follows
    it on /taken/<id>/ and may retry it when it failed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    functie = models.CharField(_("functie"), max_length=200)
    argumenten = models.JSONField(_("argumenten"), default=dict, blank=True)
    terug_url = models.CharField(_("terug naar"), max_length=500, blank=True)
    aangevraagd_door = models.ForeignKey(
        "Gebruiker", on_delete=models.CASCADE, related_name="+", verbose_name=_("aangevraagd door")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TaakStatus.choices, default=TaakStatus.WACHTEND
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    fout = models.CharField(_("fout"), max_length=300, blank=True)
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        indexes = [
            models.Index(fields=["aangevraagd_door", "-aangemaakt_op"], name="taak_door_idx")
        ]

    def __str__(self):
        return self.omschrijving

    def get_absolute_url(self):
        return reverse("taak", args=[self.pk])

    @property
    def klaar(self) -> bool:
        return self.status in (TaakStatus.GEREED, TaakStatus.MISLUKT)
