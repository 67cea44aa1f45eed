from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (report data is keyed by the form's section and indicator keys)."""
    if not isinstance(mapping, dict):
        return None
    return mapping.get(key)


@register.filter
def indicator_value(value) -> str:
    """12.345 for integers, 2,5 for decimals (Vietnamese separators); empty stays empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        whole, _, frac = f"{value:,.2f}".rstrip("0").rstrip(".").partition(".")
        whole = whole.replace(",", ".")
        return f"{whole},{frac}" if frac else whole
    return str(value)
