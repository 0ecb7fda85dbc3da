from django import template

from toelaatbaarheid.models import MdoRol

register = template.Library()


@register.filter
def get_item(mapping, sleutel):
    """Dictionary lookup by a variable key (the kengetallen tables)."""
    try:
        return mapping[sleutel]
    except (KeyError, TypeError, IndexError):
        return None


@register.filter
def mdo_rol(sleutel):
    """The label of an MDO participant's role (stored as its key)."""
    try:
        return MdoRol(sleutel).label
    except ValueError:
        return sleutel
