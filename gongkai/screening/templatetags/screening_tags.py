"""``{% screening_link doc %}``: the link to a record's screen, with what is left to do, for those who may see it."""

from __future__ import annotations

from django import template

from gongkai.documents.models import Document
from gongkai.orgs.scope import Perm, can
from gongkai.screening import selectors

register = template.Library()


@register.inclusion_tag("screening/partials/_link.html", takes_context=True)
def screening_link(context: template.Context, doc: Document) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    organisation = doc.organisation
    shown = user is not None and (
        can(user, Perm.DOCUMENT_REVIEW, organisation) or can(user, Perm.DOCUMENT_PUBLISH, organisation)
    )
    if not shown:
        return {"shown": False}
    revision = selectors.screened_version(doc)
    return {"shown": True, "doc": doc, "state": selectors.unresolved(doc, revision)}
