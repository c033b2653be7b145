from fractions import Fraction

from django import template

from ..scoring import rounded

register = template.Library()


@register.filter
def score(value) -> str:
    """An exact score shown with two decimals (Indonesian decimal comma via localisation)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return str(rounded(Fraction(value))).replace(".", ",")


@register.filter
def margin(value) -> str:
    """A gate's margin (value − threshold) with its sign: “+1,25” above, “−2,00” below."""
    if value is None or value == "" or isinstance(value, bool):
        return "–"
    shown = score(abs(Fraction(value)))
    return f"−{shown}" if Fraction(value) < 0 else f"+{shown}"


@register.filter
def node_score(result, ref):
    return result.nodes.get(ref) if result else None
