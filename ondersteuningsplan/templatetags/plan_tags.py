from django import template

from ondersteuningsplan.rijketekst import naar_html

register = template.Library()


@register.filter
def markdown_veilig(tekst, kopniveau=3):
    """Render plan Markdown as sanitised HTML (see rijketekst.py); headings in the text
    start at `kopniveau`."""
    return naar_html(tekst, int(kopniveau))


@register.filter
def regels(tekst):
    """Non-empty lines of a text field (visie: one point per line)."""
    return [r.strip(" -•\t") for r in (tekst or "").splitlines() if r.strip(" -•\t")]


@register.filter
def uit_dict(d, sleutel):
    return (d or {}).get(sleutel)
