from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_met(context, **wijzigingen):
    """The current query string with some parameters replaced (keeps filters when paging)."""
    params = context["request"].GET.copy()
    for sleutel, waarde in wijzigingen.items():
        params[sleutel] = waarde
    return params.urlencode()
