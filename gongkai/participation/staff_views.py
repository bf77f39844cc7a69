"""The staff pages of 意见征集, mounted under ``/staff/`` by ``participation/backoffice.py``: the list (scoped by
``orgs.scope``), drafting, the moves of the workflow, moderation, outcomes, the adopted text, the export.
Objects outside the user's scope are 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.core.models import AuditEvent
from gongkai.documents.models import Document
from gongkai.orgs.scope import organisations_for
from gongkai.participation import period, selectors, services
from gongkai.participation.forms import (
    AdoptedTextForm,
    CloseEarlyForm,
    DraftForm,
    LinkDocumentForm,
    RejectForm,
    ResponseForm,
)
from gongkai.participation.models import Comment, CommentStatus, Consultation, ConsultationStatus
from gongkai.participation.workflow import EDIT, machine


def _back(consultation: Consultation, anchor: str = "") -> HttpResponse:
    return redirect(reverse("staff:consultation", args=[consultation.pk]) + anchor)


@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.consultation_list_for_user(request.user)
    return render(request, "staff/participation/list.html", {"rows": rows})


@staff_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, EDIT)
    form = DraftForm(request.POST or None, organisations=organisations, initial={"opens_on": period.today()})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                actor=request.user, organisation=form.cleaned_data["organisation"], data=form.to_data()
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存征求意见稿"))
            return _back(consultation)
    return render(
        request, "staff/participation/edit.html", {"form": form}, status=400 if form.errors else 200
    )


@staff_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    organisations = organisations_for(request.user, EDIT).filter(pk=consultation.organisation_id)
    initial = {
        "organisation": consultation.organisation,
        "title": consultation.title,
        "draft_text": consultation.consulted_text,
        "drafting_note": consultation.drafting_note,
        "is_major_decision": consultation.is_major_decision,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "short_period_reason": consultation.short_period_reason,
    }
    form = DraftForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(consultation, actor=request.user, data=form.to_data())
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存征求意见稿"))
            return _back(consultation)
    return render(
        request,
        "staff/participation/edit.html",
        {"form": form, "consultation": consultation},
        status=400 if form.errors else 200,
    )


@staff_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    services.consultation_close_if_overdue(consultation)
    comments = selectors.comments_for_staff(consultation)
    closed = consultation.status == ConsultationStatus.CLOSED
    shown = [c for c in comments if c.status == CommentStatus.APPROVED]
    history = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultation), object_id=str(consultation.pk)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    context = {
        "consultation": consultation,
        "paragraphs": list(consultation.paragraphs.all()),
        "comments": comments,
        "actions": machine.available_actions(consultation, request.user),
        "can_close_early": consultation.status == ConsultationStatus.OPEN,
        "close_form": CloseEarlyForm(),
        "reject_form": RejectForm(),
        "response_form": ResponseForm(comments=shown) if closed else None,
        "adopted_form": AdoptedTextForm(
            initial={
                "adopted_text": consultation.adopted_text or consultation.consulted_text,
                "report_note": consultation.report_note,
            }
        )
        if closed
        else None,
        "link_form": LinkDocumentForm()
        if consultation.status in (ConsultationStatus.CLOSED, ConsultationStatus.REPORTED)
        else None,
        "history": history,
    }
    return render(request, "staff/participation/detail.html", context)


@staff_required
@require_POST
def consultation_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """A button move of the workflow (open, close, report), or an early close with its reason."""
    consultation = selectors.consultation_get_for_user(request.user, pk)
    try:
        if action == "open":
            services.consultation_open(consultation, actor=request.user)
        elif action == "close":
            services.consultation_close(consultation, actor=request.user)
        elif action == "close_early":
            form = CloseEarlyForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            if not reason:
                raise GongkaiError(_("请填写提前结束的理由"), code="participation.reason_required")
            services.consultation_close(consultation, actor=request.user, reason=reason)
        elif action == "report":
            services.consultation_publish_report(consultation, actor=request.user)
        else:
            raise GongkaiError(_("不支持的操作"), code="participation.unknown_action")
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("操作成功"))
    return _back(consultation)


@staff_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int, comment_pk: int, decision: str) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    comment: Comment = selectors.comment_get_for_user(request.user, consultation, comment_pk)
    try:
        services.comment_moderate(
            comment,
            actor=request.user,
            approve=decision == "approve",
            reason=request.POST.get("reason", ""),
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已审核意见 #%(id)s") % {"id": comment.pk})
    return _back(consultation, "#comments")


@staff_required
@require_POST
def response_record(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    shown = [c for c in selectors.comments_for_staff(consultation) if c.status == CommentStatus.APPROVED]
    form = ResponseForm(request.POST, comments=shown)
    if not form.is_valid():
        messages.error(request, _("请选择意见、采纳情况并填写理由"))
        return _back(consultation, "#outcomes")
    try:
        services.response_record(
            consultation,
            actor=request.user,
            comment_ids=form.cleaned_data["comment_ids"],
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            summary=form.cleaned_data["summary"],
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已记录采纳情况"))
    return _back(consultation, "#outcomes")


@staff_required
@require_POST
def adopted_text(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    form = AdoptedTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写通过的文本"))
        return _back(consultation, "#adopted")
    try:
        services.consultation_set_adopted_text(
            consultation,
            actor=request.user,
            adopted_text=form.cleaned_data["adopted_text"],
            report_note=form.cleaned_data["report_note"],
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已保存通过的文本"))
    return _back(consultation, "#adopted")


@staff_required
@require_POST
def link_document(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    form = LinkDocumentForm(request.POST)
    document = (
        Document.objects.select_related("organisation").filter(pk=form.cleaned_data["document"]).first()
        if form.is_valid()
        else None
    )
    if document is None:
        messages.error(request, _("请填写已公开的政府信息编号"))
        return _back(consultation)
    try:
        services.consultation_link_document(consultation, actor=request.user, document=document)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已关联通过的文件"))
    return _back(consultation)


@staff_required
def comments_export(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(request.user, pk)
    response = HttpResponse(
        selectors.comments_xlsx(consultation),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}-comments.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
