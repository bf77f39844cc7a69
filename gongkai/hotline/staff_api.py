"""``/api/v1/hotline/desk``: the staff API for what the agent and the dispatcher do beyond a status move —
suggestions, 派单 by the rules with 协办, 延期, 督办, 并单, referral — and the dashboard's figures. Session auth;
each handler parses, calls one function of ``knowledge``/``dispatch``/``reports`` and returns."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.security import django_auth

from gongkai.core.errors import NotFound
from gongkai.hotline import dispatch, knowledge, reports, selectors
from gongkai.hotline.api import TicketOut, _row
from gongkai.hotline.models import Category, TicketExtension
from gongkai.orgs.models import Organisation

router = Router(tags=["hotline"], auth=django_auth)


class CategorySuggestionOut(Schema):
    code: str
    name: str
    score: float


class DuplicateOut(Schema):
    id: int
    number: str
    score: float


class KnowledgeOut(Schema):
    id: int
    question: str
    answer: str
    organisation: str


class SuggestOut(Schema):
    categories: list[CategorySuggestionOut]
    duplicates: list[DuplicateOut]
    knowledge: list[KnowledgeOut]


class DispatchIn(Schema):
    organisation_id: int | None = None
    assist_ids: list[int] = []
    comment: str = ""


class ReassignIn(Schema):
    organisation_id: int | None = None
    reason: str = ""


class ExtensionIn(Schema):
    amount: int
    reason: str


class DecisionIn(Schema):
    approve: bool
    comment: str = ""


class ExtensionOut(Schema):
    id: int
    status: str
    amount: int


class CommentIn(Schema):
    comment: str


class MergeIn(Schema):
    main_id: int


class ReferIn(Schema):
    channel: str
    note: str = ""


class FiguresOut(Schema):
    organisation_id: int | None
    organisation: str
    volume: int
    response_rate: float | None
    on_time_rate: float | None
    send_back_rate: float | None
    dispatch_accuracy: float | None
    reassigned: int
    solve_rate: float | None
    satisfaction_rate: float | None


def _org(pk: int | None) -> Organisation | None:
    return Organisation.objects.filter(pk=pk, is_active=True).first() if pk else None


@router.get(
    "/suggest", response=SuggestOut, summary="Category, duplicate and knowledge suggestions for a text"
)
def suggest(request: HttpRequest, description: str, category: str = "", address: str = "") -> dict:
    cat = Category.objects.filter(code=category, is_active=True).first() if category else None
    return {
        "categories": [
            {"code": s.category.code, "name": s.category.name, "score": s.score}
            for s in knowledge.category_suggest(description[:2000])
        ],
        "duplicates": [
            {"id": d.ticket.pk, "number": d.ticket.number, "score": d.score}
            for d in knowledge.duplicates_find(
                text=description[:2000], category=cat, area=dispatch.area_of(address)
            )
            if selectors.ticket_list_visible(request.user).filter(pk=d.ticket.pk).exists()
        ],
        "knowledge": [
            {"id": e.pk, "question": e.question, "answer": e.answer, "organisation": e.organisation.name}
            for e in knowledge.knowledge_search(description[:2000], limit=5)
        ],
    }


@router.post("/tickets/{int:ticket_id}/dispatch", response=TicketOut, summary="派单 by the rules, with 协办")
def ticket_dispatch(request: HttpRequest, ticket_id: int, payload: DispatchIn) -> dict:
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    assists = list(Organisation.objects.filter(pk__in=payload.assist_ids, is_active=True))
    dispatch.ticket_dispatch_by_rule(
        ticket=ticket,
        actor=request.user,
        organisation=_org(payload.organisation_id),
        assists=assists,
        comment=payload.comment,
    )
    return _row(ticket)


@router.post(
    "/tickets/{int:ticket_id}/reassign",
    response=TicketOut,
    summary="改派 by the centre: move a dispatched or accepted ticket to another organisation",
)
def ticket_reassign(request: HttpRequest, ticket_id: int, payload: ReassignIn) -> dict:
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    dispatch.ticket_reassign(
        ticket=ticket,
        actor=request.user,
        organisation=Organisation.objects.filter(pk=payload.organisation_id).first()
        if payload.organisation_id
        else None,
        reason=payload.reason,
    )
    return _row(ticket)


@router.post(
    "/tickets/{int:ticket_id}/extensions", response=ExtensionOut, summary="Request an extension (延期)"
)
def extension_request(request: HttpRequest, ticket_id: int, payload: ExtensionIn) -> TicketExtension:
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    return dispatch.extension_request(
        ticket=ticket, actor=request.user, amount=payload.amount, reason=payload.reason
    )


@router.post(
    "/extensions/{int:extension_id}/decision", response=ExtensionOut, summary="Approve or refuse 延期"
)
def extension_decide(request: HttpRequest, extension_id: int, payload: DecisionIn) -> TicketExtension:
    visible = selectors.ticket_list_visible(request.user).values("pk")
    extension = (
        TicketExtension.objects.filter(pk=extension_id, ticket__in=visible).select_related("ticket").first()
    )
    if extension is None:
        raise NotFound(gettext("延期申请不存在"), detail="Extension not found", code="hotline.not_found")
    return dispatch.extension_decide(
        extension=extension, actor=request.user, approve=payload.approve, comment=payload.comment
    )


@router.post("/tickets/{int:ticket_id}/urge", response={204: None}, summary="督办")
def ticket_urge(request: HttpRequest, ticket_id: int, payload: CommentIn):
    dispatch.ticket_urge(
        ticket=selectors.ticket_get_for_user(request.user, ticket_id),
        actor=request.user,
        comment=payload.comment,
    )
    return 204, None


@router.post("/tickets/{int:ticket_id}/merge", response=TicketOut, summary="并单 into a main ticket")
def ticket_merge(request: HttpRequest, ticket_id: int, payload: MergeIn) -> dict:
    duplicate = selectors.ticket_get_for_user(request.user, ticket_id)
    main = selectors.ticket_get_for_user(request.user, payload.main_id)
    dispatch.ticket_merge(duplicate=duplicate, main=main, actor=request.user)
    return _row(duplicate)


@router.post(
    "/tickets/{int:ticket_id}/refer",
    response=TicketOut,
    summary="Refer to 110/119/120/122 or a legal channel",
)
def ticket_refer(request: HttpRequest, ticket_id: int, payload: ReferIn) -> dict:
    ticket = selectors.ticket_get_for_user(request.user, ticket_id)
    dispatch.ticket_refer(ticket=ticket, actor=request.user, channel=payload.channel, note=payload.note)
    return _row(ticket)


@router.get("/figures", response=list[FiguresOut], summary="Dashboard figures in the caller's 督办 scope")
def figures(
    request: HttpRequest, start: str = "", end: str = "", organisation_id: int | None = None
) -> list[dict]:
    period = reports.period_parse(start, end, today=timezone.localdate())
    organisation = None
    if organisation_id is not None:
        organisation = reports.organisations_supervised(request.user).filter(pk=organisation_id).first()
        if organisation is None:
            raise NotFound(gettext("单位不存在"), detail="Organisation not found", code="hotline.not_found")
    return [
        {
            "organisation_id": f.organisation.pk if f.organisation else None,
            "organisation": f.organisation.name if f.organisation else "合计",
            "volume": f.volume,
            "response_rate": f.response_rate,
            "on_time_rate": f.on_time_rate,
            "send_back_rate": f.send_back_rate,
            "dispatch_accuracy": f.dispatch_accuracy,
            "reassigned": f.reassigned,
            "solve_rate": f.solve_rate,
            "satisfaction_rate": f.satisfaction_rate,
        }
        for f in reports.figures_compute(request.user, period=period, organisation=organisation)
    ]
