from django import template

register = template.Library()


@register.filter
def labels_of(item, spec):
    """(value, label) of each answer to `item`, its own labels first, else the scale's."""
    return spec.labels_for(item)


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def add_class(field, css: str):
    return field.as_widget(attrs={"class": css})


@register.filter
def shown(value, minimum=3):
    """A published count, or "< 3" when it is withheld (None)."""
    return f"< {minimum}" if value is None else value
