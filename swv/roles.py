"""The roles of product.md. A user acts in exactly one role for one organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker SWV")
    DIRECTEUR = "directeur", _("Directeur SWV")
    TRAJECTBEGELEIDER = "trajectbegeleider", _("Trajectbegeleider")
    DESKUNDIGE = "deskundige", _("Deskundige")
    BESTUUR = "bestuur", _("Schoolbestuur")
    SCHOOL = "school", _("School (IB'er / directeur)")
    OPR = "opr", _("OPR-lid")


# Roles that act for one or more samenwerkingsverbanden (linked through Gebruiker.samenwerkingsverbanden).
SWV_ROLLEN = frozenset(
    {Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.DESKUNDIGE, Rol.OPR}
)
# Roles of the SWV office that see every case of their SWVs.
SWV_STAF = frozenset({Rol.MEDEWERKER, Rol.DIRECTEUR})
