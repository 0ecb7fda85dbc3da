"""Who may take each step of a TLV case (django-rules), used by views, templates (which
buttons show) and services (which refuse).

Object predicates assume the case is already within the user's scope
(`selectors.aanvragen_voor`): views fetch it through that selector and services check it
again. They look at role and state only, so they cost no queries in a template.
"""

import rules

from swv.rules import (
    is_directeur,
    is_medewerker,
    is_school,
    is_swv_staf,
    is_trajectbegeleider,
    ziet_leerlingen,
)

from .models import OPEN_STATUSSEN, Status


def _status(*statussen):
    namen = {str(s) for s in statussen}

    @rules.predicate(name=f"status({','.join(sorted(namen))})")
    def predicaat(user, aanvraag):
        return aanvraag is not None and aanvraag.status in namen

    return predicaat


@rules.predicate
def is_eigen_deskundige(user, advies):
    return (
        advies is not None
        and advies.deskundige.gebruiker_id == user.pk
        and advies.toelaatbaar is None
        and advies.aanvraag.status == Status.ADVIES
    )


@rules.predicate
def is_plaatsende_school(user, aanvraag):
    """The user works at the S(B)O school the TLV placed the pupil at (the case's
    gewenste school): that school files the herbeoordeling of its own pupils."""
    return (
        aanvraag is not None
        and getattr(user, "school_id", None) is not None
        and aanvraag.gewenste_school_id == user.school_id
    )


is_open = _status(*OPEN_STATUSSEN)
begeleidt = is_trajectbegeleider | is_medewerker

rules.add_perm("toelaatbaarheid.bekijken", ziet_leerlingen)
rules.add_perm("toelaatbaarheid.termijnen_bekijken", is_swv_staf | is_trajectbegeleider)
rules.add_perm("toelaatbaarheid.kengetallen_bekijken", is_swv_staf | is_trajectbegeleider)
rules.add_perm("toelaatbaarheid.herbeoordeling_bekijken", is_swv_staf | is_trajectbegeleider)
rules.add_perm("toelaatbaarheid.aanvraag_maken", is_school | begeleidt)
rules.add_perm(
    "toelaatbaarheid.aanvraag_wijzigen", _status(Status.CONCEPT) & (is_school | begeleidt)
)
# In bezwaar the SWV office adds the bezwaarschrift, the OP chapter, the school's SOP and
# the LBT's advice (bundled in the LBT dossier).
rules.add_perm(
    "toelaatbaarheid.bijlage_toevoegen",
    (is_open & (is_school | begeleidt)) | (_status(Status.BEZWAAR) & is_swv_staf),
)
rules.add_perm("toelaatbaarheid.indienen", _status(Status.CONCEPT) & begeleidt)
rules.add_perm(
    "toelaatbaarheid.beslistermijn_verdagen",
    _status(Status.INGEDIEND, Status.ADVIES, Status.BESLUITVORMING) & is_swv_staf,
)
rules.add_perm("toelaatbaarheid.mdo_vastleggen", _status(Status.INGEDIEND) & begeleidt)
rules.add_perm("toelaatbaarheid.deskundige_toewijzen", _status(Status.ADVIES) & begeleidt)
rules.add_perm("toelaatbaarheid.advies_geven", is_eigen_deskundige)
rules.add_perm("toelaatbaarheid.beschikking_afgeven", _status(Status.BESLUITVORMING) & is_directeur)
rules.add_perm(
    "toelaatbaarheid.bezwaar_registreren", _status(Status.TOEGEKEND, Status.AFGEWEZEN) & is_swv_staf
)
rules.add_perm("toelaatbaarheid.bezwaar_behandelen", _status(Status.BEZWAAR) & is_swv_staf)
rules.add_perm("toelaatbaarheid.bezwaar_beslissen", _status(Status.BEZWAAR) & is_directeur)
rules.add_perm("toelaatbaarheid.terugplaatsen", _status(Status.TOEGEKEND) & begeleidt)
rules.add_perm(
    "toelaatbaarheid.herbeoordeling_starten",
    _status(Status.TOEGEKEND) & (begeleidt | (is_school & is_plaatsende_school)),
)
rules.add_perm("toelaatbaarheid.nazorg_vastleggen", _status(Status.BEEINDIGD) & begeleidt)
rules.add_perm(
    "toelaatbaarheid.intrekken",
    (is_open & begeleidt) | (_status(Status.CONCEPT) & is_school),
)
