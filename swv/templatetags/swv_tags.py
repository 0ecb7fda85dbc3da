from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_met(context, **wijzigingen):
    """The current query string with some parameters replaced (keeps filters when paging)."""
    params = context["request"].GET.copy()
    for sleutel, waarde in wijzigingen.items():
        params[sleutel] = waarde
    return params.urlencode()


@register.simple_tag(takes_context=True)
def sessieduur(context):
    """Seconds until the session ends without a further request (static/js/sessie.js
    warns before then); see swv.middleware.SessieVerversenMiddleware."""
    from swv.middleware import sessie_resterend

    return sessie_resterend(context["request"])


@register.simple_tag(takes_context=True)
def terug_na_aanmelden(context, volgende):
    """Where the sign-in form sends the user: `volgende` (the `next` of the login page),
    unless that address only takes a POST (a form's action, reached because the session
    expired while the form was being filled in): then the page the form was on, so the
    user gets that page back instead of "405". See swv.sessie.formulierpagina."""
    from swv.sessie import formulierpagina

    return formulierpagina(context["request"], volgende)


@register.filter
def euro(bedrag):
    """{{ a.kosten|euro }}: "€ 1.234,50" with a no-break space (swv.getallen.euro)."""
    from swv.getallen import euro as _euro

    return _euro(bedrag)
