from django import template

register = template.Library()


@register.filter
def get_item(mapping, sleutel):
    """Dictionary lookup by a variable key (the kengetallen tables)."""
    try:
        return mapping[sleutel]
    except (KeyError, TypeError, IndexError):
        return None
