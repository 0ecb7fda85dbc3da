from django import template

from ..bedragen import bedrag_weergeven, percentage_weergeven

register = template.Library()


@register.filter
def waarde(d, sleutel):
    """dict lookup in templates; None stays None (the template says 'nog niet beschikbaar')."""
    return (d or {}).get(sleutel)


@register.filter
def alineas(tekst):
    return [a.strip() for a in (tekst or "").split("\n\n") if a.strip()]


@register.filter
def regels(tekst):
    return [r.strip() for r in (tekst or "").splitlines() if r.strip()]


@register.filter
def euro(bedrag):
    return bedrag_weergeven(bedrag) if bedrag is not None else "—"


@register.filter
def procent(waarde):
    return percentage_weergeven(waarde) if waarde is not None else "—"
