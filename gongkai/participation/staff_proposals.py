"""The staff pages of 建议提案办理, mounted under ``/staff/`` by ``participation/backoffice.py``: the list of the
proposals an office coordinates, leads or co-handles (scope by ``orgs.scope``) with statistics, registering, and
one proposal with the forms of the step the user may take. Out-of-scope proposals are 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import can, organisations_for, scope_q
from gongkai.participation import proposals
from gongkai.participation.forms import (
    AssignForm,
    CoAnswerForm,
    MeetingForm,
    ProposalForm,
    ReplyForm,
    SatisfactionForm,
)
from gongkai.participation.models import Proposal, ProposalStatus


def _visible(user):
    """Proposals the user's organisations coordinate, lead or co-handle."""
    qs = Proposal.objects.select_related("coordinator", "lead_office")
    q = scope_q(user, proposals.EDIT, field="coordinator")
    if q is None:
        return qs
    return qs.filter(
        q
        | scope_q(user, proposals.EDIT, field="lead_office")
        | scope_q(user, proposals.EDIT, field="co_offices__organisation")
    ).distinct()


def _get(user, pk: int) -> Proposal:
    proposal = _visible(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404(_("建议提案不存在"))
    return proposal


@staff_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    session = request.GET.get("session", "")
    rows = _visible(request.user).order_by("-created_at")[:500]
    return render(
        request,
        "staff/participation/proposals.html",
        {"rows": rows, "stats": proposals.proposal_statistics(session=session or None), "session": session},
    )


@staff_required
def proposal_new(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, organisations=organisations_for(request.user, proposals.EDIT))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "coordinator"}
        try:
            proposal = proposals.proposal_register(
                actor=request.user,
                coordinator=form.cleaned_data["coordinator"],
                data=proposals.ProposalData(**data),
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            return redirect("staff:proposal", pk=proposal.pk)
    return render(
        request, "staff/participation/proposal_new.html", {"form": form}, status=400 if form.errors else 200
    )


@staff_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _get(request.user, pk)
    user = request.user
    organisations = Organisation.objects.filter(is_active=True).order_by("sort_order", "id")
    lead = proposal.lead_office
    co_offices = list(proposal.co_offices.select_related("organisation"))
    context = {
        "proposal": proposal,
        "co_offices": co_offices,
        "meetings": list(proposal.meetings.all()),
        "assign_form": AssignForm(organisations=organisations)
        if proposal.status == ProposalStatus.REGISTERED and can(user, proposals.EDIT, proposal.coordinator)
        else None,
        "answer_forms": [
            (co, CoAnswerForm(prefix=f"co{co.pk}"))
            for co in co_offices
            if proposal.status == ProposalStatus.ASSIGNED
            and co.answered_on is None
            and can(user, proposals.EDIT, co.organisation)
        ],
        "lead_forms": proposal.status == ProposalStatus.ASSIGNED and can(user, proposals.EDIT, lead),
        "meeting_form": MeetingForm(),
        "reply_form": ReplyForm(),
        "satisfaction_form": SatisfactionForm()
        if proposal.status in (ProposalStatus.ANSWERED, ProposalStatus.PUBLISHED)
        and can(user, proposals.EDIT, lead)
        else None,
        "can_publish": proposal.status == ProposalStatus.ANSWERED and can(user, proposals.PUBLISH, lead),
    }
    return render(request, "staff/participation/proposal_detail.html", context)


@staff_required
@require_POST
def proposal_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    proposal = _get(request.user, pk)
    user = request.user
    try:
        if step == "assign":
            form = AssignForm(request.POST, organisations=Organisation.objects.filter(is_active=True))
            if not form.is_valid():
                raise GongkaiError(_("请选择主办单位并填写交办日期"), code="participation.bad_assignment")
            proposals.proposal_assign(
                proposal,
                actor=user,
                lead_office=form.cleaned_data["lead_office"],
                co_offices=list(form.cleaned_data["co_offices"]),
                on=form.cleaned_data["on"],
            )
        elif step.startswith("co"):
            co = (
                proposal.co_offices.select_related("organisation")
                .filter(pk=step[2:] if step[2:].isdigit() else 0)
                .first()
            )
            form = CoAnswerForm(request.POST, prefix=step)
            if co is None or not form.is_valid():
                raise GongkaiError(_("请填写会办意见"), code="participation.co_answer_required")
            proposals.co_office_answer(
                proposal,
                actor=user,
                organisation=co.organisation,
                answer=form.cleaned_data["answer"],
                on=request_today(),
            )
        elif step == "meeting":
            form = MeetingForm(request.POST)
            if not form.is_valid():
                raise GongkaiError(_("请填写面商日期和情况"), code="participation.bad_meeting")
            proposals.meeting_record(proposal, actor=user, **form.cleaned_data)
        elif step == "reply":
            form = ReplyForm(request.POST)
            if not form.is_valid():
                raise GongkaiError(_("请填写答复函、答复分类和答复日期"), code="participation.bad_reply")
            proposals.proposal_reply(proposal, actor=user, **form.cleaned_data)
        elif step == "satisfaction":
            form = SatisfactionForm(request.POST)
            if not form.is_valid():
                raise GongkaiError(_("请选择满意度"), code="participation.satisfaction_required")
            proposals.satisfaction_record(proposal, actor=user, **form.cleaned_data)
        elif step == "publish":
            proposals.proposal_publish(proposal, actor=user)
        else:
            raise Http404(_("不支持的操作"))
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("操作成功"))
    return redirect(reverse("staff:proposal", args=[proposal.pk]))


def request_today():
    from gongkai.participation import period

    return period.today()
