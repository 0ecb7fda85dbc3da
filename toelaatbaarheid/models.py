"""The TLV case: aanvraag, MDO-oordeel, deskundigenadviezen, beschikking, bezwaar,
terugplaatsing, with the state machine declared once on `Aanvraag`.

Transitions are called only from the services (inside `transaction.atomic()`), through
`swv.workflow.overgang`, which also writes the status history and the audit event. The
case's child objects are seen with their case: `objects = KindQuerySet.van("aanvraag")`,
read with `Model.objects.voor(user)` (the scope of `selectors.aanvragen_voor`).
Pupil data are kept minimal: name, date of birth, groep and school (no BSN).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from leerlingen.models import leerling_sleutel
from swv import documenten
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from swv.selectors import KindQuerySet
from swv.workflow import StatusHistorie


class PriveOpslag(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, never under a public URL. The root is read
    on every access so tests (and deployments) can point it elsewhere."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    def url(self, name):
        # Loud, so a template can never link a pupil's file past the access check.
        raise ValueError("Privébestanden hebben geen publieke URL.")

    def deconstruct(self):
        return ("toelaatbaarheid.models.PriveOpslag", (), {})


prive_opslag = PriveOpslag()


# Settings per SWV ----------------------------------------------------------------------


class TlvInstellingen(models.Model):
    """Terms the SWV sets itself (not law): editable in the admin."""

    swv = models.OneToOneField(
        Samenwerkingsverband,
        on_delete=models.CASCADE,
        related_name="tlv_instellingen",
        verbose_name=_("samenwerkingsverband"),
    )
    advies_weken = models.PositiveSmallIntegerField(
        _("weken voor een deskundigenadvies"), default=3
    )
    mdo_weken = models.PositiveSmallIntegerField(
        _("weken tussen indienen en MDO"),
        default=3,
        help_text=_("Streeftermijn van het SWV, geen wettelijke termijn."),
    )
    herbeoordeling_dag = models.PositiveSmallIntegerField(
        _("dag van de aanvraagtermijn herbeoordeling"), default=15
    )
    herbeoordeling_maand = models.PositiveSmallIntegerField(
        _("maand van de aanvraagtermijn herbeoordeling"),
        default=4,
        help_text=_("Gebruikelijk: aanvragen vóór 15 april voor TLV's die op 31 juli aflopen."),
    )
    herbeoordeling_signaal_maanden = models.PositiveSmallIntegerField(
        _("maanden vooraf op de werklijst herbeoordeling"), default=9
    )

    class Meta:
        verbose_name = _("TLV-instellingen")
        verbose_name_plural = _("TLV-instellingen")

    def __str__(self):
        return f"TLV-instellingen {self.swv.code}"


class GelijkgesteldeDag(models.Model):
    """A day the Algemene termijnenwet treats as a feestdag by decree (art. 3 lid 3)."""

    datum = models.DateField(
        _("datum"),
        unique=True,
        help_text=_(
            "Gevuld volgens het gebruikelijke patroon (vrijdag na Hemelvaartsdag e.d.). "
            "Controleer de lijst tegen het geldende Besluit gelijkstelling dagen."
        ),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=120, blank=True)

    class Meta:
        ordering = ["datum"]
        verbose_name = _("gelijkgestelde dag")
        verbose_name_plural = _("gelijkgestelde dagen")

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}".strip()


# Deskundigen ---------------------------------------------------------------------------


class Discipline(models.TextChoices):
    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    PSYCHOLOOG = "psycholoog", _("Psycholoog")
    KINDERPSYCHOLOOG = "kinderpsycholoog", _("Kinder- en jeugdpsycholoog")
    PEDAGOOG = "pedagoog", _("Pedagoog")
    KINDERPSYCHIATER = "kinderpsychiater", _("Kinderpsychiater")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    ARTS = "arts", _("Arts / jeugdarts")


# The first advice must come from one of these (domain.md, WPO 18a lid 11).
EERSTE_DESKUNDIGE = frozenset({Discipline.ORTHOPEDAGOOG, Discipline.PSYCHOLOOG})


class Deskundige(models.Model):
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deskundige",
        verbose_name=_("gebruiker"),
    )
    discipline = models.CharField(_("discipline"), max_length=30, choices=Discipline.choices)
    scholen = models.ManyToManyField(
        School,
        blank=True,
        related_name="+",
        verbose_name=_("verbonden aan scholen"),
        help_text=_("Scholen waarvoor deze deskundige werkt: geen advies voor hun leerlingen."),
    )
    besturen = models.ManyToManyField(
        Schoolbestuur,
        blank=True,
        related_name="+",
        verbose_name=_("verbonden aan besturen"),
    )

    class Meta:
        verbose_name = _("deskundige")
        verbose_name_plural = _("deskundigen")

    def __str__(self):
        return f"{self.gebruiker} ({self.get_discipline_display()})"

    @property
    def mag_eerste_advies(self) -> bool:
        return self.discipline in EERSTE_DESKUNDIGE


# The case ------------------------------------------------------------------------------


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    ADVIES = "advies", _("Deskundigenadvies")
    BESLUITVORMING = "besluitvorming", _("Ter besluitvorming")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BEZWAAR = "bezwaar", _("In bezwaar")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# An aanvraag "open" for the duplicate check: still in procedure, no beschikking yet.
OPEN_STATUSSEN = (Status.CONCEPT, Status.INGEDIEND, Status.ADVIES, Status.BESLUITVORMING)


class Soort(models.TextChoices):
    SBO = "SBO", _("TLV SBO")
    SO = "SO", _("TLV SO")


class Categorie(models.TextChoices):
    LAAG = "laag", _("Categorie laag (1)")
    MIDDEN = "midden", _("Categorie midden (2)")
    HOOG = "hoog", _("Categorie hoog (3)")


class OudersAkkoord(models.TextChoices):
    JA = "ja", _("Ja, ouders stemmen in")
    NEE = "nee", _("Nee, ouders stemmen niet in")
    ONBEKEND = "onbekend", _("Nog niet bekend")


class Herkomst(models.TextChoices):
    """Where the pupil comes from: decides whether there is a school of origin (and so who
    files the aanvraag and who sees it, `selectors.aanvragen_voor`)."""

    REGULIER = "regulier", _("Reguliere school in het samenwerkingsverband")
    SO = "so", _("SO-school (naar SBO)")
    GESPECIALISEERD = "sbo_so", _("S(B)O-school waar de leerling nu is (herbeoordeling)")
    VOORSCHOOL = "voorschool", _("Voorschoolse voorziening (MKD/KDC, onderinstroom)")
    RESIDENTIEEL = "residentieel", _("Residentiële instelling")
    BUITEN_SWV = "buiten_swv", _("School buiten het samenwerkingsverband")
    GEEN = "geen", _("Geen school (thuiszitter)")


# The routes with a school of origin in the register; the others name it as text (or
# have none) and are filed by the trajectbegeleider or the SWV office.
HERKOMST_MET_SCHOOL = frozenset({Herkomst.REGULIER, Herkomst.SO, Herkomst.GESPECIALISEERD})
HERKOMST_MET_NAAM = frozenset({Herkomst.VOORSCHOOL, Herkomst.RESIDENTIEEL, Herkomst.BUITEN_SWV})


class Aanvraag(ConcurrentTransitionMixin, models.Model):
    swv = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="tlv_aanvragen",
        verbose_name=_("samenwerkingsverband"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tlv_aanvragen",
        verbose_name=_("school van herkomst"),
        help_text=_("Leeg als de leerling niet van een school in het register komt."),
    )
    herkomst = models.CharField(
        _("herkomst"), max_length=12, choices=Herkomst.choices, default=Herkomst.REGULIER
    )
    herkomst_naam = models.CharField(
        _("naam van de voorziening, instelling of school"), max_length=200, blank=True
    )
    herkomst_gemeente = models.CharField(_("gemeente"), max_length=100, blank=True)
    status = FSMField(
        _("status"), default=Status.CONCEPT, choices=Status.choices, protected=True, max_length=20
    )
    versie = models.PositiveIntegerField(_("versie"), default=1)
    # Pupil (minimal).
    voornaam = models.CharField(_("voornaam"), max_length=80)
    achternaam = models.CharField(_("achternaam"), max_length=120)
    geboortedatum = models.DateField(_("geboortedatum"))
    groep = models.PositiveSmallIntegerField(_("groep"), null=True, blank=True)
    leerling_sleutel = models.CharField(max_length=210, editable=False)
    # The pupil's dossier (leerlingen): every case of the pupil, over the years, in one
    # timeline. Empty only for cases anonymised before the dossier existed.
    leerling = models.ForeignKey(
        "leerlingen.Leerling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="tlv_aanvragen",
        verbose_name=_("leerlingdossier"),
    )
    # What is asked.
    soort = models.CharField(_("soort TLV"), max_length=3, choices=Soort.choices)
    categorie = models.CharField(
        _("bekostigingscategorie"), max_length=6, choices=Categorie.choices, blank=True
    )
    ingangsdatum = models.DateField(_("gewenste ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    hele_schoolloopbaan = models.BooleanField(
        _("voor de hele schoolloopbaan"),
        default=False,
        help_text=_("Bijvoorbeeld bij EMB: geen einddatum."),
    )
    gewenste_school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tlv_gewenst",
        verbose_name=_("gewenste S(B)O-school"),
    )
    ondersteuningsbehoeften = models.TextField(
        _("ondersteuningsbehoeften (Duiden & Doen / OPP)"), blank=True
    )
    niveaus_1_4 = models.TextField(_("wat is gedaan in ondersteuningsniveau 1-4"), blank=True)
    zienswijze_ouders = models.TextField(_("zienswijze van de ouders"), blank=True)
    ouders_akkoord = models.CharField(
        _("ouders stemmen in"),
        max_length=8,
        choices=OudersAkkoord.choices,
        default=OudersAkkoord.ONBEKEND,
    )
    # People and dates.
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tlv_begeleid",
        verbose_name=_("trajectbegeleider"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    ontvangen_op = models.DateField(_("ontvangen (ingediend) op"), null=True, blank=True)
    beslistermijn_verdaagd_tot = models.DateField(
        _("beslistermijn verdaagd tot"),
        null=True,
        blank=True,
        help_text=_("Alleen na een mededeling aan de aanvrager (Awb 4:14)."),
    )
    vorige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herbeoordelingen",
        verbose_name=_("herbeoordeling van"),
    )
    geanonimiseerd_op = models.DateField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Na afloop van de bewaartermijn: naam, teksten en bijlagen verwijderd."),
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("TLV-aanvraag")
        verbose_name_plural = _("TLV-aanvragen")
        constraints = [
            # The database refuses a second open aanvraag for the same pupil, even when
            # two people submit at the same moment (the form checks first, with a link).
            models.UniqueConstraint(
                fields=["leerling_sleutel", "geboortedatum"],
                condition=Q(status__in=["concept", "ingediend", "advies", "besluitvorming"]),
                name="tlv_een_open_aanvraag_per_leerling",
                violation_error_message=_("Voor deze leerling loopt al een aanvraag."),
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(ingangsdatum__isnull=True)
                | Q(einddatum__gte=models.F("ingangsdatum")),
                name="tlv_einddatum_na_ingang",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            ),
            models.CheckConstraint(
                condition=Q(soort="SO") | Q(categorie=""),
                name="tlv_categorie_alleen_so",
            ),
            # A school of origin exactly where the route has one.
            models.CheckConstraint(
                condition=Q(herkomst__in=sorted(HERKOMST_MET_SCHOOL), school__isnull=False)
                | (~Q(herkomst__in=sorted(HERKOMST_MET_SCHOOL)) & Q(school__isnull=True)),
                name="tlv_school_bij_herkomst",
                violation_error_message=_("Een school van herkomst hoort bij deze herkomst."),
            ),
        ]
        indexes = [
            # The list is newest first (by id) and filtered by scope and status.
            models.Index(fields=["swv", "status", "-id"], name="tlv_swv_status_idx"),
            models.Index(fields=["swv", "-id"], name="tlv_swv_recent_idx"),
            models.Index(fields=["school", "-id"], name="tlv_school_idx"),
            models.Index(fields=["trajectbegeleider", "-id"], name="tlv_tb_idx"),
            models.Index(fields=["leerling_sleutel", "geboortedatum"], name="tlv_leerling_idx"),
            models.Index(fields=["status", "einddatum"], name="tlv_einddatum_idx"),
            # Kengetallen: aanvragen received per SWV and school year.
            models.Index(fields=["swv", "ontvangen_op"], name="tlv_swv_ontvangen_idx"),
            # The dossier's timeline: a pupil's cases in order. Partial: cases without a
            # dossier are not in it, and with many of them SQLite's statistics made the
            # plain foreign-key index look useless (a scan of every case per dossier page).
            models.Index(
                fields=["leerling", "aangemaakt_op"],
                name="tlv_dossier_idx",
                condition=Q(leerling__isnull=False),
            ),
        ]

    def __str__(self):
        return self.nummer

    def save(self, *args, **kwargs):
        self.leerling_sleutel = leerling_sleutel(self.voornaam, self.achternaam)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("toelaatbaarheid:detail", args=[self.pk])

    @property
    def nummer(self) -> str:
        """Case number used in mail, audit and timeline (never the pupil's name)."""
        return f"TLV-{self.pk:06d}" if self.pk else "TLV-nieuw"

    @property
    def audit_label(self) -> str:
        return self.nummer

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    @property
    def herkomst_omschrijving(self) -> str:
        """The school of origin as the pages and documents name it (no query beyond the
        school itself)."""
        if self.school_id:
            return f"{self.school.naam} ({self.school.vestigingscode})"
        if self.herkomst_naam:
            plaats = f", {self.herkomst_gemeente}" if self.herkomst_gemeente else ""
            return f"{self.get_herkomst_display()}: {self.herkomst_naam}{plaats}"
        return str(self.get_herkomst_display())

    # State machine: the one declaration of allowed transitions. Who may take each one
    # lives in rules.py; the side effects live in the services (services/).
    @transition(field=status, source=Status.CONCEPT, target=Status.INGEDIEND)
    def indienen(self):
        pass

    @transition(field=status, source=Status.INGEDIEND, target=Status.ADVIES)
    def mdo_afronden(self):
        pass

    @transition(field=status, source=Status.ADVIES, target=Status.BESLUITVORMING)
    def adviezen_compleet(self):
        pass

    @transition(field=status, source=Status.BESLUITVORMING, target=Status.TOEGEKEND)
    def toekennen(self):
        pass

    @transition(field=status, source=Status.BESLUITVORMING, target=Status.AFGEWEZEN)
    def afwijzen(self):
        pass

    @transition(field=status, source=[Status.TOEGEKEND, Status.AFGEWEZEN], target=Status.BEZWAAR)
    def bezwaar_registreren(self):
        pass

    def bezwaar_beslisbaar(self) -> bool:
        """Guard of the beslissing op bezwaar: the planned hearing has taken place and,
        once the LBT was asked, its advice is in."""
        vandaag = timezone.localdate()
        return all(
            b.hoorzitting_gehouden(vandaag) and (b.lbt_verzonden_op is None or b.advies_uitkomst)
            for b in self.bezwaren.all()
            if b.open
        )

    @transition(
        field=status,
        source=Status.BEZWAAR,
        target=Status.TOEGEKEND,
        conditions=[bezwaar_beslisbaar],
    )
    def bezwaar_afronden_toegekend(self):
        pass

    @transition(
        field=status,
        source=Status.BEZWAAR,
        target=Status.AFGEWEZEN,
        conditions=[bezwaar_beslisbaar],
    )
    def bezwaar_afronden_afgewezen(self):
        pass

    @transition(field=status, source=Status.TOEGEKEND, target=Status.BEEINDIGD)
    def beeindigen(self):
        pass

    @transition(
        field=status,
        source=[Status.CONCEPT, Status.INGEDIEND, Status.ADVIES, Status.BESLUITVORMING],
        target=Status.INGETROKKEN,
    )
    def intrekken(self):
        pass


class StatusWijziging(StatusHistorie):
    """One row per transition (and per bezwaar step): the case timeline."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)

    objects = KindQuerySet.van("aanvraag")

    class Meta(StatusHistorie.Meta):
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        indexes = [models.Index(fields=["aanvraag", "tijdstip"], name="tlv_historie_idx")]

    def __str__(self):
        return f"{self.aanvraag_id}: {self.van} -> {self.naar}"


class BijlageSoort(models.TextChoices):
    OPP = "opp", _("OPP / Duiden & Doen")
    GROEIDOCUMENT = "groeidocument", _("Groeidocument")
    ONDERZOEK = "onderzoek", _("Verslag van onderzoek (psychologisch / didactisch)")
    MDO = "mdo", _("Verslag MDO / knooppunt")
    ZIENSWIJZE = "zienswijze", _("Zienswijze van de ouders")
    HANDELINGSPLAN = "handelingsplan", _("Handelingsplan / evaluatie")
    MEDISCH = "medisch", _("Medische of jeugdhulpgegevens")
    # Documents of the bezwaar procedure (bundled in the LBT dossier).
    BEZWAARSCHRIFT = "bezwaarschrift", _("Bezwaarschrift")
    OP_HOOFDSTUK = "op_hoofdstuk", _("Ondersteuningsplan: hoofdstuk toelaatbaarheid")
    SOP = "sop", _("Schoolondersteuningsprofiel (SOP) van de aanvragende school")
    VOLMACHT = "volmacht", _("Volmacht van een gemachtigde")
    ADVIES_LBT = "advies_lbt", _("Advies van de LBT")
    OVERIG = "overig", _("Overig document")


# What belongs to the bezwaar procedure rather than to the aanvraag.
BIJLAGEN_BEZWAAR = frozenset(
    {
        BijlageSoort.BEZWAARSCHRIFT,
        BijlageSoort.OP_HOOFDSTUK,
        BijlageSoort.SOP,
        BijlageSoort.VOLMACHT,
        BijlageSoort.ADVIES_LBT,
    }
)


def bijlage_pad(instance, filename):
    # A random name: the original name may contain the pupil's name.
    import uuid

    return f"tlv/{instance.aanvraag_id}/{uuid.uuid4().hex}"


class Bijlage(models.Model):
    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="bijlagen")
    soort = models.CharField(_("soort"), max_length=20, choices=BijlageSoort.choices)
    bestand = models.FileField(_("bestand"), upload_to=bijlage_pad, storage=prive_opslag)
    naam = models.CharField(_("bestandsnaam"), max_length=200)
    mime = models.CharField(max_length=100)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField(default=timezone.now)

    objects = KindQuerySet.van("aanvraag")

    class Meta:
        ordering = ["geupload_op", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return f"Bijlage {self.pk} ({self.get_soort_display()})"

    @property
    def is_pdf(self) -> bool:
        return self.mime == "application/pdf"


class MdoRol(models.TextChoices):
    VOORZITTER = "voorzitter", _("Trajectbegeleider (voorzitter)")
    OUDERS = "ouders", _("Ouders / verzorgers")
    SCHOOL = "school", _("School (IB'er / leerkracht / directeur)")
    SMW = "smw", _("Schoolmaatschappelijk werk")
    LEERPLICHT = "leerplicht", _("Leerplicht")
    GEMEENTE = "gemeente", _("Gemeentelijke toegang")
    JGZ = "jgz", _("Jeugdgezondheidszorg")
    SBO_SO = "ontvangend", _("Ontvangende S(B)O-school")
    ANDERS = "anders", _("Anders")


class Mdo(models.Model):
    """MDO / knooppunt toeleiding: forms an oordeel, does not decide (seed 001 §5.2)."""

    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.CASCADE, related_name="mdo")
    datum = models.DateField(_("datum MDO"))
    deelnemers = models.JSONField(_("deelnemers"), default=list)
    ondersteuningsbehoeften = models.TextField(_("ondersteuningsbehoeften"))
    doelen = models.TextField(_("doelen van plaatsing"))
    plaatsingsdatum = models.DateField(_("plaatsingsdatum"), null=True, blank=True)
    looptijd = models.CharField(_("looptijd"), max_length=120, blank=True)
    terugkeer = models.TextField(_("mogelijkheden van terugkeer"), blank=True)
    leerlingenvervoer = models.TextField(_("leerlingenvervoer"), blank=True)
    afspraken = models.TextField(_("afspraken met gemeente en zorg"), blank=True)
    oordeel_toelaatbaar = models.BooleanField(_("oordeel: toelaatbaar"))
    overeenstemming = models.BooleanField(_("overeenstemming tussen de deelnemers"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = KindQuerySet.van("aanvraag")

    class Meta:
        verbose_name = _("MDO-oordeel")
        verbose_name_plural = _("MDO-oordelen")

    def __str__(self):
        return f"MDO {self.aanvraag_id} {self.datum}"


class Deskundigenadvies(models.Model):
    """An assignment (toelaatbaar empty) and, once given, the written advice."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="adviezen")
    deskundige = models.ForeignKey(
        Deskundige, on_delete=models.PROTECT, related_name="adviezen", verbose_name=_("deskundige")
    )
    volgorde = models.PositiveSmallIntegerField(_("advies"), choices=[(1, "1"), (2, "2")])
    gevraagd_op = models.DateField(_("gevraagd op"))
    uiterlijk_op = models.DateField(_("uiterlijk op"))
    toelaatbaar = models.BooleanField(_("toelaatbaar"), null=True)
    motivering = models.TextField(_("motivering"), blank=True)
    datum = models.DateField(_("datum advies"), null=True, blank=True)

    objects = KindQuerySet.van("aanvraag")

    class Meta:
        ordering = ["volgorde"]
        verbose_name = _("deskundigenadvies")
        verbose_name_plural = _("deskundigenadviezen")
        constraints = [
            models.UniqueConstraint(
                fields=["aanvraag", "deskundige"],
                name="tlv_advies_andere_deskundige",
                violation_error_message=_("Deze deskundige adviseert al over deze aanvraag."),
            ),
            models.UniqueConstraint(fields=["aanvraag", "volgorde"], name="tlv_advies_volgorde"),
        ]
        indexes = [models.Index(fields=["deskundige", "aanvraag"], name="tlv_advies_desk_idx")]

    def __str__(self):
        return f"Advies {self.volgorde} bij {self.aanvraag_id}"

    @property
    def gegeven(self) -> bool:
        return self.toelaatbaar is not None


class Besluit(models.TextChoices):
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Verzendwijze(models.TextChoices):
    POST = "post", _("Per post")
    AANGETEKEND = "aangetekend", _("Aangetekend")
    EMAIL = "email", _("Per e-mail")


class Beschikking(models.Model):
    """The decision as sent. Stored once issued: the PDF bytes are what was sent."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="beschikkingen")
    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.PROTECT, related_name="+")
    ronde = models.PositiveSmallIntegerField(_("ronde"), default=1)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    besluit = models.CharField(_("besluit"), max_length=10, choices=Besluit.choices)
    soort = models.CharField(_("soort TLV"), max_length=3, choices=Soort.choices)
    categorie = models.CharField(
        _("bekostigingscategorie"), max_length=6, choices=Categorie.choices, blank=True
    )
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    motivering = models.TextField(_("motivering"))
    afwijkend_van_advies = models.BooleanField(default=False)
    datum = models.DateField(_("datum besluit"))
    verzonden_op = models.DateField(_("verzonden op (bekendmaking)"))
    verzendwijze = models.CharField(
        _("verzendwijze"), max_length=12, choices=Verzendwijze.choices, default=Verzendwijze.POST
    )
    # Name and address for the window envelope when sent by post (what was printed).
    aan_naam = models.CharField(_("naam geadresseerde(n)"), max_length=200, blank=True)
    aan_adres = models.TextField(_("adres"), blank=True)
    actueel = models.BooleanField(default=True)
    afgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # As sent (swv.documenten): the beschikking and the letter to the parents.
    pdf = documenten.veld(_("beschikking (PDF)"))
    brief_pdf = documenten.veld(_("brief aan de ouders (PDF)"))

    objects = KindQuerySet.van("aanvraag")

    class Meta:
        ordering = ["aanvraag", "ronde"]
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        constraints = [
            # A double click on "afgeven" cannot make two beschikkingen for one round.
            models.UniqueConstraint(fields=["aanvraag", "ronde"], name="tlv_een_beschikking"),
            models.UniqueConstraint(
                fields=["swv", "jaar", "volgnummer"], name="tlv_beschikking_nummer_uniek"
            ),
        ]
        indexes = [
            models.Index(fields=["datum", "besluit"], name="tlv_besch_datum_idx"),
            # Kengetallen per SWV and school year.
            models.Index(fields=["swv", "datum"], name="tlv_besch_swv_datum_idx"),
        ]

    def __str__(self):
        return self.nummer

    @cached_property
    def nummer(self) -> str:
        return f"{self.swv.code}-{self.jaar}-{self.volgnummer:04d}"


class Indiener(models.TextChoices):
    OUDERS = "ouders", _("Ouders / verzorgers")
    BESTUUR = "bestuur", _("Schoolbestuur")


class BezwaarBeslissing(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")


class LbtAdvies(models.TextChoices):
    """The LBT's conclusion on a bezwaar."""

    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")


class Bezwaar(models.Model):
    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.PROTECT, related_name="bezwaren")
    beschikking = models.ForeignKey(Beschikking, on_delete=models.PROTECT, related_name="bezwaren")
    indiener = models.CharField(_("ingediend door"), max_length=10, choices=Indiener.choices)
    ontvangen_op = models.DateField(_("ontvangen op"))
    gronden = models.TextField(_("gronden van het bezwaar"))
    tijdig = models.BooleanField(_("tijdig ingediend"))
    partijen_geinformeerd_adviescommissie = models.BooleanField(
        _("partijen gemeld dat de LBT adviseert"),
        default=True,
        help_text=_("Alleen dan geldt een beslistermijn van 12 weken (Awb 7:10)."),
    )
    ontvangstbevestiging_op = models.DateField(_("ontvangstbevestiging"), null=True, blank=True)
    verweerschrift = models.TextField(_("verweerschrift"), blank=True)
    lbt_verzonden_op = models.DateField(_("doorgestuurd naar de LBT"), null=True, blank=True)
    hoorzitting_op = models.DateField(_("hoorzitting"), null=True, blank=True)
    uitnodiging_op = models.DateField(_("uitnodiging verstuurd"), null=True, blank=True)
    advies_op = models.DateField(_("advies LBT ontvangen"), null=True, blank=True)
    advies_uitkomst = models.CharField(
        _("advies LBT"), max_length=20, choices=LbtAdvies.choices, blank=True
    )
    advies = models.TextField(_("motivering advies LBT"), blank=True)
    verdaagd = models.BooleanField(_("beslistermijn eenmaal verdaagd (6 weken)"), default=False)
    beslissing = models.CharField(
        _("beslissing op bezwaar"), max_length=20, choices=BezwaarBeslissing.choices, blank=True
    )
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True)
    motivering = models.TextField(_("motivering beslissing"), blank=True)
    # Issued documents (swv.documenten): the besluit op bezwaar as sent, and the dossier
    # that went to the LBT (the latest one made).
    besluit_pdf = documenten.veld(_("besluit op bezwaar (PDF)"))
    lbt_dossier = documenten.veld(_("dossier voor de LBT (PDF)"))

    objects = KindQuerySet.van("aanvraag")

    class Meta:
        ordering = ["ontvangen_op", "id"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        indexes = [models.Index(fields=["ontvangen_op"], name="tlv_bezwaar_datum_idx")]

    def __str__(self):
        return f"Bezwaar {self.pk} bij {self.aanvraag_id}"

    @property
    def open(self) -> bool:
        return not self.beslissing

    def hoorzitting_gehouden(self, vandaag) -> bool:
        """No hearing planned, or its day has come (Awb 7:2: heard before deciding)."""
        return self.hoorzitting_op is None or self.hoorzitting_op <= vandaag

    @property
    def advies_volgt(self) -> bool | None:
        """Whether the beslissing follows the LBT's advice (None: no advice or no
        beslissing)."""
        if not self.advies_uitkomst or not self.beslissing:
            return None
        return self.advies_uitkomst == self.beslissing


class Terugplaatsing(models.Model):
    """The pupil leaves the S(B)O: back to a regular school, or from SO to SBO (seed 001
    §5.5), through the knooppunt with a warme overdracht; nazorg follows."""

    aanvraag = models.OneToOneField(
        Aanvraag, on_delete=models.PROTECT, related_name="terugplaatsing"
    )
    datum = models.DateField(_("datum terugplaatsing"))
    knooppunt_op = models.DateField(_("datum knooppunt"))
    ontvangende_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("ontvangende school")
    )
    warme_overdracht = models.TextField(_("afspraken warme overdracht"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = KindQuerySet.van("aanvraag")

    class Meta:
        verbose_name = _("terugplaatsing")
        verbose_name_plural = _("terugplaatsingen")
        indexes = [models.Index(fields=["datum"], name="tlv_terug_datum_idx")]

    def __str__(self):
        return f"Terugplaatsing {self.aanvraag_id} {self.datum}"


# Nazorg after a terugplaatsing: by default after 6 weeks, 3 months and 1 year
# (label, weeks, months; termijnen.nazorg_datum).
NAZORG_STANDAARD = (
    (_("Nazorg na 6 weken"), 6, 0),
    (_("Nazorg na 3 maanden"), 0, 3),
    (_("Nazorg na 1 jaar"), 0, 12),
)


class Nazorgmoment(models.Model):
    """A planned follow-up of a terugplaatsing (seed 004 asks for nazorg): when planned,
    when held, what was found."""

    terugplaatsing = models.ForeignKey(
        Terugplaatsing, on_delete=models.CASCADE, related_name="nazorgmomenten"
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=120)
    datum_gepland = models.DateField(_("datum gepland"))
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    bevindingen = models.TextField(_("bevindingen"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = KindQuerySet.van("terugplaatsing__aanvraag")

    class Meta:
        ordering = ["datum_gepland", "id"]
        verbose_name = _("nazorgmoment")
        verbose_name_plural = _("nazorgmomenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(gehouden_op__isnull=False) | Q(bevindingen=""),
                name="tlv_nazorg_bevindingen_na_gesprek",
            ),
        ]

    def __str__(self):
        return f"Nazorg {self.terugplaatsing_id} {self.datum_gepland}"

    @property
    def gehouden(self) -> bool:
        return self.gehouden_op is not None
