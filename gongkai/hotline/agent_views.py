"""The agent's (接线员) pages: record a phone ticket keyboard-first with category, duplicate and 知识库 suggestions,
then answer at once, merge (并单) or refer it; and the departments' knowledge base.

Views parse and call ``services``, ``knowledge`` and ``dispatch``; every rule lives there.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError, NotFound
from gongkai.hotline import dispatch, knowledge, selectors, services
from gongkai.hotline.models import Category, Channel, Kind, KnowledgeEntry, ReferralChannel, Urgency
from gongkai.orgs.scope import Perm, can, organisations_for

FORM_FIELDS = (
    "description",
    "category",
    "kind",
    "urgency",
    "address",
    "requester_name",
    "requester_phone",
    "consent_to_contact",
)


def _require_agent(request: HttpRequest) -> None:
    try:
        centre = services.centre_get()
    except GongkaiError:
        raise Http404 from None
    if not can(request.user, Perm.TICKET_HANDLE, centre):
        raise Http404


def _suggestions(text: str, *, category_code: str = "", address: str = "") -> dict:
    category = Category.objects.filter(code=category_code, is_active=True).first() if category_code else None
    return {
        "categories": knowledge.category_suggest(text),
        "duplicates": knowledge.duplicates_find(text=text, category=category, area=dispatch.area_of(address)),
        "answers": knowledge.knowledge_search(text, limit=3),
    }


def _form_context(values: dict, *, errors: dict | None = None, suggestions: dict | None = None) -> dict:
    return {
        "values": values,
        "errors": errors or {},
        "categories": Category.objects.filter(is_active=True).order_by("group", "code"),
        "kinds": Kind.choices,
        "urgencies": Urgency.choices,
        "suggestions": suggestions,
    }


@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    """The phone form: GET shows it, POST with ``suggest`` shows suggestions (no JavaScript needed), POST records.

    Before the hotline centre is named (``HOTLINE_CENTRE_CODE``), an administrator sees that said instead of a
    missing page."""
    try:
        services.centre_get()
    except GongkaiError as exc:
        if not request.user.is_superuser:
            raise Http404 from None
        return render(request, "hotline/staff/no_centre.html", {"message": exc.message})
    _require_agent(request)
    if request.method != "POST":
        return render(request, "hotline/staff/intake.html", _form_context({"kind": Kind.HELP}))
    values = {name: request.POST.get(name, "") for name in FORM_FIELDS}
    if "suggest" in request.POST:
        suggestions = _suggestions(
            values["description"], category_code=values["category"], address=values["address"]
        )
        return render(request, "hotline/staff/intake.html", _form_context(values, suggestions=suggestions))
    data = services.TicketIn(
        category_code=values["category"],
        description=values["description"],
        channel=Channel.PHONE,
        kind=values["kind"] or Kind.HELP,
        urgency=values["urgency"] or Urgency.NORMAL,
        address=values["address"],
        requester_name=values["requester_name"],
        requester_phone=values["requester_phone"],
        consent_to_contact=values["consent_to_contact"] == "1",
    )
    try:
        ticket, _created = services.ticket_intake(
            data=data, actor=request.user, idempotency_key=request.POST.get("form_key", "")[:64]
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return render(
            request, "hotline/staff/intake.html", _form_context(values, errors=exc.fields), status=400
        )
    messages.success(request, _("已受理，工单编号 %(number)s") % {"number": ticket.number})
    return redirect("staff:hotline_agent_ticket", pk=ticket.pk)


@staff_required
def intake_suggest(request: HttpRequest) -> HttpResponse:
    """The suggestions fragment for the text typed so far (fetched by ``agent.js`` as the agent types)."""
    _require_agent(request)
    text = request.GET.get("description", "")[:2000]
    suggestions = _suggestions(
        text, category_code=request.GET.get("category", ""), address=request.GET.get("address", "")[:300]
    )
    return render(request, "hotline/staff/partials/_suggestions.html", {"suggestions": suggestions})


@staff_required
def agent_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    """After recording: answer at once from the 知识库, merge into a duplicate, or refer to another channel."""
    _require_agent(request)
    try:
        ticket = selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "hotline/staff/agent_ticket.html",
        {
            "ticket": ticket,
            "duplicates": knowledge.duplicates_find(
                text=ticket.description,
                category=ticket.category,
                area=dispatch.area_of(ticket.address),
                lat=ticket.lat,
                lon=ticket.lon,
                exclude=ticket.pk,
            ),
            "query": query,
            "answers": knowledge.knowledge_search(query or ticket.description, limit=5),
            "channels": ReferralChannel.choices,
            "is_open": ticket.status == "received",
        },
    )


@staff_required
@require_POST
def agent_act(request: HttpRequest, pk: int) -> HttpResponse:
    """即时答复 (from an entry or typed), 并单 or referral, through ``knowledge``/``dispatch``/``services``."""
    _require_agent(request)
    try:
        ticket = selectors.ticket_get_for_user(request.user, pk)
    except NotFound:
        raise Http404 from None
    action = request.POST.get("action", "")
    try:
        if action == "answer_entry":
            entry = KnowledgeEntry.objects.filter(
                pk=_int(request.POST.get("entry")), is_published=True
            ).first()
            if entry is None:
                raise NotFound(_("知识库条目不存在"), detail="Entry not found", code="hotline.not_found")
            knowledge.knowledge_answer(
                ticket=ticket, entry=entry, actor=request.user, note=request.POST.get("note", "")
            )
        elif action == "answer":
            services.ticket_answer(ticket=ticket, actor=request.user, reply=request.POST.get("note", ""))
        elif action == "merge":
            main = selectors.ticket_get_for_user(request.user, _int(request.POST.get("main")))
            dispatch.ticket_merge(duplicate=ticket, main=main, actor=request.user)
        elif action == "refer":
            referral = dispatch.ticket_refer(
                ticket=ticket,
                actor=request.user,
                channel=request.POST.get("channel", ""),
                note=request.POST.get("note", ""),
            )
            url = dispatch.referral_channel_url(referral.channel)
            if url:
                messages.info(
                    request,
                    _("请告知来电人通过以下页面提出申请：%(url)s") % {"url": request.build_absolute_uri(url)},
                )
        else:
            raise NotFound(_("未知的操作"), detail="Unknown action", code="hotline.unknown_action")
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("staff:hotline_agent_ticket", pk=pk)
    messages.success(request, _("已办理"))
    return redirect("staff:hotline_ticket", pk=pk)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


# --- 知识库 ---------------------------------------------------------------------------------------------------


@staff_required
def knowledge_list(request: HttpRequest) -> HttpResponse:
    """Search the published entries (every agent), and list the entries one's own organisations keep."""
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "hotline/staff/knowledge.html",
        {
            "query": query,
            "results": knowledge.knowledge_search(query) if query else [],
            "own": knowledge.knowledge_list_editable(request.user).order_by("organisation__path", "question")[
                :200
            ],
        },
    )


@staff_required
def knowledge_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    entry = None
    if pk is not None:
        entry = knowledge.knowledge_list_editable(request.user).filter(pk=pk).first()
        if entry is None:
            raise Http404
    organisations = organisations_for(request.user, Perm.TICKET_HANDLE).order_by("path")
    values = {
        "organisation": str(entry.organisation_id) if entry else "",
        "question": entry.question if entry else "",
        "answer": entry.answer if entry else "",
        "keywords": entry.keywords if entry else "",
        "is_published": entry.is_published if entry else False,
    }
    errors: dict = {}
    if request.method == "POST":
        values = {
            "organisation": request.POST.get("organisation", ""),
            "question": request.POST.get("question", ""),
            "answer": request.POST.get("answer", ""),
            "keywords": request.POST.get("keywords", ""),
            "is_published": request.POST.get("is_published") == "1",
        }
        organisation = organisations.filter(pk=_int(values["organisation"])).first()
        try:
            if organisation is None:
                raise NotFound(
                    _("请选择维护单位"), detail="Organisation required", code="hotline.organisation_required"
                )
            knowledge.knowledge_save(
                actor=request.user,
                organisation=organisation,
                question=values["question"],
                answer=values["answer"],
                keywords=values["keywords"],
                is_published=values["is_published"],
                entry=entry,
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
            errors = exc.fields
        else:
            messages.success(request, _("已保存"))
            return redirect("staff:hotline_knowledge")
    return render(
        request,
        "hotline/staff/knowledge_edit.html",
        {"entry": entry, "values": values, "errors": errors, "organisations": organisations},
        status=400 if errors else 200,
    )


# --- 派单目录 ---------------------------------------------------------------------------------------------------


@staff_required
def rules(request: HttpRequest) -> HttpResponse:
    """The dispatch rules (category × district → organisation, priority): listed, added and removed by the
    centre's dispatchers."""
    from gongkai.hotline.models import DispatchRule
    from gongkai.orgs.models import Organisation

    try:
        centre = services.centre_get()
    except GongkaiError:
        raise Http404 from None
    if not can(request.user, Perm.TICKET_DISPATCH, centre):
        raise Http404
    errors: dict = {}
    if request.method == "POST":
        try:
            if request.POST.get("delete"):
                rule = DispatchRule.objects.filter(pk=_int(request.POST.get("delete"))).first()
                if rule is None:
                    raise NotFound(_("规则不存在"), detail="Rule not found", code="hotline.not_found")
                dispatch.rule_delete(actor=request.user, rule=rule)
            else:
                priority = request.POST.get("priority", "0").strip() or "0"
                dispatch.rule_save(
                    actor=request.user,
                    category=Category.objects.filter(pk=_int(request.POST.get("category"))).first(),
                    district=request.POST.get("district", ""),
                    organisation=Organisation.objects.filter(
                        pk=_int(request.POST.get("organisation"))
                    ).first(),
                    priority=int(priority) if priority.lstrip("-").isdigit() else 1000,
                )
        except GongkaiError as exc:
            messages.error(request, exc.message)
            errors = exc.fields
        else:
            messages.success(request, _("已保存"))
            return redirect("staff:hotline_rules")
    return render(
        request,
        "hotline/staff/rules.html",
        {
            "rules": DispatchRule.objects.select_related("category", "organisation").order_by(
                "category__code", "district", "-priority"
            ),
            "categories": Category.objects.filter(is_active=True).order_by("group", "code"),
            "organisations": Organisation.objects.filter(is_active=True)
            .exclude(pk=centre.pk)
            .order_by("path"),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
