"""Who may take each step of the knooppunt (django-rules), used by services, views and
templates. Object predicates assume the object is already within the user's scope
(`selectors.knooppunten_voor`, `selectors.overleggen_voor`); they look at role and state
only, so they cost no queries in a template.

The school's IB'er and the trajectbegeleider set up the knooppunt and record its
partners, evaluations and overleggen; SWV staff read them; a bestuur reads its schools'
knooppunten and evaluations, never an overleg about a pupil; OPR nothing. Turning an
overleg into an MDO opens a TLV aanvraag, so it is for whoever may create one
(`toelaatbaarheid.aanvraag_maken`)."""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol, is_school, is_trajectbegeleider

from .models import Status


def _status(*statussen):
    namen = {str(s) for s in statussen}

    @rules.predicate(name=f"status({','.join(sorted(namen))})")
    def predicaat(user, obj):
        return obj is not None and getattr(obj, "status", None) in namen

    return predicaat


@rules.predicate
def mag_tlv_aanvragen(user):
    # The TLV route's own rule, asked rather than copied.
    return user.has_perm("toelaatbaarheid.aanvraag_maken")


ziet_knooppunten = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL
)
ziet_overleggen = heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.SCHOOL)
legt_vast = is_school | is_trajectbegeleider

rules.add_perm("knooppunt.bekijken", ziet_knooppunten)
rules.add_perm("knooppunt.overleg_bekijken", ziet_overleggen)
rules.add_perm("knooppunt.inrichten", legt_vast)
rules.add_perm("knooppunt.wijzigen", legt_vast)
rules.add_perm("knooppunt.partner_beheren", legt_vast)
rules.add_perm("knooppunt.evaluatie_vastleggen", legt_vast)
rules.add_perm("knooppunt.overleg_plannen", legt_vast)
rules.add_perm("knooppunt.overleg_wijzigen", _status(Status.GEPLAND, Status.GEHOUDEN) & legt_vast)
rules.add_perm("knooppunt.overleg_houden", _status(Status.GEPLAND) & legt_vast)
rules.add_perm("knooppunt.overleg_naar_mdo", _status(Status.GEHOUDEN) & mag_tlv_aanvragen)
