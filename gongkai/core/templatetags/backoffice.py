"""``{% backoffice_nav %}``: the back-office navigation, from the entries the apps registered."""

from django import template

from gongkai.core import backoffice

register = template.Library()


@register.inclusion_tag("staff/partials/_nav.html", takes_context=True)
def backoffice_nav(context: template.Context) -> dict:
    return {"items": backoffice.nav_for(context["request"])}
