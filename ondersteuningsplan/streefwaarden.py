"""Reading streefwaarden as the seeds write them: '< 10', '≤ 5', '0', '25%', '>= 80 %'."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Comparator, KpiType

_PATROON = re.compile(r"^\s*(<=|>=|≤|≥|<|>|=)?\s*([0-9]+(?:[.,][0-9]+)?)\s*(%)?\s*$")
_TEKENS = {"≤": "<=", "≥": ">="}
# A ja/nee target is written as the page shows it ('ja', 'nee'), or as 1 and 0.
_JA_NEE = {"ja": Decimal(1), "nee": Decimal(0)}


def lees(tekst: str, kpi_type: str) -> tuple[str, Decimal]:
    """Parse '< 10' into ('<', Decimal('10')). A bare number or percentage ('0', '25%')
    is stored as '=': the KPI's direction then says what it asks (at least 25% when higher
    is better, at most 5% when lower is better), see Streefwaarde.gehaald."""
    if kpi_type == KpiType.JA_NEE and (tekst or "").strip().lower() in _JA_NEE:
        return Comparator.GELIJK, _JA_NEE[tekst.strip().lower()]
    m = _PATROON.match(tekst or "")
    if not m:
        raise ValidationError(
            _(
                "Schrijf een streefwaarde als een getal, eventueel met <, ≤, ≥, > of %, bijvoorbeeld '< 10' of '25%'."
            ),
            code="onleesbaar",
        )
    teken, getal, procent = m.groups()
    if procent and kpi_type != KpiType.PERCENTAGE:
        raise ValidationError(
            _("Een % past alleen bij een KPI van het type percentage."), code="procent"
        )
    waarde = Decimal(getal.replace(",", "."))
    comparator = _TEKENS.get(teken, teken) if teken else Comparator.GELIJK
    return comparator, waarde
