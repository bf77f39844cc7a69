"""The note "经公开征求意见" on the page of a record adopted after a consultation (``documents/detail.html``)."""

from django import template

from gongkai.participation.models import PUBLIC_STATUSES, Consultation

register = template.Library()


@register.inclusion_tag("participation/partials/_record_consulted.html")
def consulted_note(document) -> dict:
    """The public consultations whose adopted decision is ``document`` (one query)."""
    consulted = Consultation.objects.filter(adopted_document_id=document.pk, status__in=PUBLIC_STATUSES).only(
        "id", "title", "status"
    )
    return {"consulted": list(consulted)}
