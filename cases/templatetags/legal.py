"""`{% citation "forwarding" %}`: a template cites the law from the one table too."""

from django import template

from cases import legal

register = template.Library()


@register.simple_tag
def citation(key: str, full: bool = True) -> str:
    """The provisions `key` cites, by the laws' titles ("forvaltningsloven § 31")."""
    return legal.citation(key, full=full, prose=True)
