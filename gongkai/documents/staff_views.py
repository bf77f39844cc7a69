"""The back office for records: drafting, review, publication, attachments, interpretations, the timer, and
the context of the dashboard panels registered in ``documents/backoffice.py``.

Views parse input, call one service or selector and render; objects outside the user's scope are 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required, user_holds
from gongkai.core.clocks import calendar_for
from gongkai.core.confirm import confirm_page, is_confirmed
from gongkai.core.errors import GongkaiError
from gongkai.core.feedback import perform
from gongkai.documents import services, workflow
from gongkai.documents.forms import (
    ActionForm,
    AttachmentForm,
    DocumentForm,
    InterpretationCreateForm,
    ValidityForm,
)
from gongkai.documents.models import (
    PUBLIC_STATUSES,
    Attachment,
    Document,
    InterpretationStatus,
    RevisionStatus,
    Status,
)
from gongkai.documents.preview import attachment_for_staff, document_preview
from gongkai.documents.selectors import (
    disclosure_timer,
    disclosure_timer_counts,
    document_history,
    document_visible_q,
    interpretation_get_for_staff,
    interpretation_history,
)
from gongkai.orgs.scope import Perm, can, can_change, get_for_user_or_404, organisations_for, restrict

STATUS_LABELS = {**dict(RevisionStatus.choices), **dict(Status.choices)}
INTERPRETATION_STATUS_LABELS = dict(InterpretationStatus.choices)

# How a move's button looks and what it asks first. The forward moves come first; a move that takes work
# back or off the website is styled as destructive and offered last.
DESTRUCTIVE_ACTIONS = ("return", "withdraw", "discard")
SECONDARY_ACTIONS = ("recall", "unschedule")
CONFIRM_QUESTIONS = {
    "publish": gettext_lazy("确认发布？发布后公众即可在网站上看到该信息。"),
    "withdraw": gettext_lazy("确认撤回？撤回后公众将不能再在网站上看到该信息。"),
    "discard": gettext_lazy("确认放弃修订稿？修订稿中的修改和附件将不再生效。"),
}
CONFIRM_LABELS = {
    "publish": gettext_lazy("确认发布"),
    "withdraw": gettext_lazy("确认撤回"),
    "discard": gettext_lazy("确认放弃修订"),
}


def action_buttons(actions: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """The buttons of one decision form, forward moves first and destructive ones last."""

    def rank(action: str) -> int:
        return 2 if action in DESTRUCTIVE_ACTIONS else 1 if action in SECONDARY_ACTIONS else 0

    buttons = [
        {
            "action": action,
            "label": move.label,
            "needs_comment": move.needs_comment,
            "destructive": action in DESTRUCTIVE_ACTIONS,
            "secondary": action in SECONDARY_ACTIONS,
            "confirm": CONFIRM_QUESTIONS.get(action, ""),
        }
        for action, move in actions
    ]
    return sorted(buttons, key=lambda b: rank(b["action"]))


def _confirm_first(
    request: HttpRequest, action: str, *, subject: str, cancel_url: str
) -> HttpResponse | None:
    """The confirmation page when ``action`` needs one and it was not given yet, else None."""
    if action not in CONFIRM_QUESTIONS or is_confirmed(request):
        return None
    return confirm_page(
        request,
        question=str(CONFIRM_QUESTIONS[action]),
        confirm_label=str(CONFIRM_LABELS[action]),
        cancel_url=cancel_url,
        subject=subject,
        destructive=action in DESTRUCTIVE_ACTIONS,
    )


def _perform(request: HttpRequest, doc: Document, call: Callable[[], str]) -> HttpResponse:
    return perform(request, call, redirect_to=reverse("staff:document", args=[doc.pk]))


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    return get_for_user_or_404(
        Document.objects.select_related("organisation", "theme__parent"),
        request.user,
        Perm.DOCUMENT_VIEW,
        pk=pk,
    )


def timer_panel(request: HttpRequest) -> dict:
    """The dashboard's 主动公开时限 panel: how many records are overdue or due within five working days."""
    return disclosure_timer_counts(request.user, today=timezone.localdate(), calendar=calendar_for(request))


def records_panel(request: HttpRequest) -> dict:
    """The dashboard's list of the records the user may see, newest change first, filtered by status."""
    qs = restrict(Document.objects.all(), request.user, Perm.DOCUMENT_VIEW)
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    qs = (
        qs.select_related("organisation")
        .defer("body_html", "body_text", "extra")
        .order_by("-updated_at", "-id")
    )
    return {
        "page": Paginator(qs, 30).get_page(request.GET.get("page")),
        "statuses": Status.choices,
        "status": status,
        "can_create": user_holds(request.user, Perm.DOCUMENT_EDIT),
    }


@staff_required
def timer(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = disclosure_timer(request.user, today=today, calendar=calendar_for(request))
    return render(request, "staff/timer.html", {"rows": rows, "today": today})


@staff_required
def document_new(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, Perm.DOCUMENT_EDIT)
    if not organisations.exists():
        raise DjangoPermissionDenied(_("您没有起草权限"))
    form = DocumentForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            doc = services.document_create(
                organisation=form.cleaned_data["organisation"], actor=request.user, data=form.to_data()
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("已保存草稿，索引号 %(index_number)s") % {"index_number": doc.index_number}
            )
            return redirect("staff:document", pk=doc.pk)
    return render(request, "staff/document_form.html", {"form": form, "document": None})


@staff_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    revision = services.revision_open(doc)
    form = DocumentForm(request.POST or None, document=doc, initial=DocumentForm.initial_from(doc, revision))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.document_update(
                document=doc,
                actor=request.user,
                data=form.to_data(),
                comment=form.cleaned_data.get("comment", ""),
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            if not changed:
                messages.success(request, _("没有修改"))
            elif doc.status in PUBLIC_STATUSES:
                messages.success(request, _("已保存到修订稿：提交审核并发布后对外生效"))
            else:
                messages.success(request, _("已保存"))
            return redirect("staff:document", pk=doc.pk)
    return render(request, "staff/document_form.html", {"form": form, "document": doc})


@staff_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    revision = services.revision_open(doc)
    history = [
        {
            "event": e,
            "label": workflow.event_label(e.action),
            "from": STATUS_LABELS.get(e.from_status, ""),
            "to": STATUS_LABELS.get(e.to_status, ""),
        }
        for e in document_history(doc)
    ]
    # A draft is edited in place; a public record through its revision (修订稿), changeable while it is a draft.
    revision_open_to_change = revision is None or revision.status == RevisionStatus.DRAFT
    may_change = can_change(request.user, doc) and revision_open_to_change
    revisable = doc.status in PUBLIC_STATUSES and can(request.user, Perm.DOCUMENT_PUBLISH, doc.organisation)
    return render(
        request,
        "staff/document_detail.html",
        {
            "doc": doc,
            "history": history,
            "actions": action_buttons(workflow.available_actions(doc, request.user)),
            "revision": revision,
            "revision_fields": [
                services.field_label(name) for name in services.revision_changed_fields(revision)
            ]
            if revision
            else [],
            "revision_actions": action_buttons(
                workflow.revision_machine.available_actions(revision, request.user) if revision else []
            ),
            "revision_attachments": list(revision.attachments.all()) if revision else [],
            "can_edit": may_change,
            "can_attach": may_change,
            "needs_reason": doc.status in PUBLIC_STATUSES and revision is None,
            "can_interpret": can(request.user, Perm.DOCUMENT_EDIT, doc.organisation),
            "attachment_form": AttachmentForm(),
            "interpretation_form": InterpretationCreateForm(),
            "validity_form": ValidityForm(
                initial={"validity": doc.validity, "changed_on": doc.validity_changed_on}
            ),
            "can_change_validity": revisable,
            "attachments": doc.attachments.filter(Attachment.live_q()),
            "interpretations": doc.interpretations.all(),
            "can_preview": not doc.is_public or revision is not None,
            "disclosure_methods": [_(m) for m in doc.disclosure_methods or []],
            "issuers": doc.issuers.all(),
        },
    )


@staff_required
@require_POST
def document_action(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请求无效，请重试"))
        return redirect("staff:document", pk=doc.pk)
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    target = reverse("staff:document", args=[doc.pk])
    if (page := _confirm_first(request, action, subject=doc.title, cancel_url=target)) is not None:
        return page

    def act() -> str:
        if action == "schedule":
            services.document_schedule(
                document=doc, actor=request.user, publish_at=form.cleaned_data["publish_at"], comment=comment
            )
        else:
            workflow.apply(doc, action, actor=request.user, comment=comment)
        return workflow.done_message(action)

    return _perform(request, doc, act)


@staff_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件"))
        return redirect("staff:document", pk=doc.pk)
    upload = form.cleaned_data["file"]
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        messages.error(request, _("附件过大"))
        return redirect("staff:document", pk=doc.pk)

    def attach() -> str:
        attachment = services.attachment_add(
            document=doc,
            actor=request.user,
            name=upload.name,
            data=upload.read(),
            comment=form.cleaned_data["comment"],
        )
        if attachment.revision_id:
            return _("附件已加入修订稿，修订稿审核发布后公开")
        return _("附件已上传")

    return _perform(request, doc, attach)


@staff_required
@require_POST
def interpretation_new(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    form = InterpretationCreateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请填写解读标题和形式"))
        return redirect("staff:document", pk=doc.pk)

    def interpret() -> str:
        services.interpretation_create(
            organisation=doc.organisation,
            actor=request.user,
            title=form.cleaned_data["title"],
            form=form.cleaned_data["form"],
            body=form.cleaned_data["body"],
            video_url=form.cleaned_data["video_url"],
            image=form.cleaned_data["image"].read() if form.cleaned_data["image"] else None,
            documents=[doc],
        )
        return _("解读已保存为草稿并关联，请提交审核；审核通过后随文件同步发布")

    return _perform(request, doc, interpret)


@staff_required
@require_POST
def document_validity(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请检查有效性、日期和替代文件编号"))
        return redirect("staff:document", pk=doc.pk)
    successor = None
    if form.cleaned_data["superseded_by"]:
        # The successor may be any record the user can see: their own or a public one of another organ.
        visible = Document.objects.filter(document_visible_q(request.user))
        successor = visible.filter(pk=form.cleaned_data["superseded_by"]).first()
        if successor is None:
            messages.error(request, _("替代文件不存在"))
            return redirect("staff:document", pk=doc.pk)

    def set_validity() -> str:
        services.document_set_validity(
            document=doc,
            actor=request.user,
            validity=form.cleaned_data["validity"],
            changed_on=form.cleaned_data["changed_on"],
            superseded_by=successor,
            comment=form.cleaned_data["comment"],
        )
        return _("有效性已更新")

    return _perform(request, doc, set_validity)


@staff_required
@require_POST
def revision_action(request: HttpRequest, pk: int) -> HttpResponse:
    """A move on the record's open revision (submit, approve, publish, return, recall, discard)."""
    doc = _document_or_404(request, pk)
    revision = services.revision_open(doc)
    form = ActionForm(request.POST)
    if revision is None or not form.is_valid():
        messages.error(request, _("请求无效，请重试"))
        return redirect("staff:document", pk=doc.pk)
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    target = reverse("staff:document", args=[doc.pk])
    subject = _("%(title)s（修订稿）") % {"title": doc.title}
    if (page := _confirm_first(request, action, subject=subject, cancel_url=target)) is not None:
        return page

    def act() -> str:
        workflow.revision_machine.apply(revision, action, actor=request.user, comment=comment)
        return workflow.done_message(action)

    return _perform(request, doc, act)


@staff_required
def interpretation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = interpretation_get_for_staff(request.user, pk)
    history = [
        {
            "event": e,
            "label": workflow.event_label(e.action),
            "from": INTERPRETATION_STATUS_LABELS.get(e.from_status, ""),
            "to": INTERPRETATION_STATUS_LABELS.get(e.to_status, ""),
        }
        for e in interpretation_history(item)
    ]
    return render(
        request,
        "staff/interpretation_detail.html",
        {
            "item": item,
            "documents": item.documents.all(),
            "actions": action_buttons(workflow.interpretation_machine.available_actions(item, request.user)),
            "history": history,
        },
    )


@staff_required
@require_POST
def interpretation_action(request: HttpRequest, pk: int) -> HttpResponse:
    item = interpretation_get_for_staff(request.user, pk)
    form = ActionForm(request.POST)
    target = reverse("staff:interpretation", args=[item.pk])
    if not form.is_valid():
        messages.error(request, _("请求无效，请重试"))
        return redirect(target)
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    if (page := _confirm_first(request, action, subject=item.title, cancel_url=target)) is not None:
        return page

    def act() -> str:
        workflow.interpretation_machine.apply(item, action, actor=request.user, comment=comment)
        return workflow.done_message(action)

    return perform(request, act, redirect_to=target)


@staff_required
@never_cache
def document_preview_page(request: HttpRequest, pk: int) -> HttpResponse:
    """预览: the public page of the record as it will be published, rendered with the public template.

    Staff only (the record in the user's 查看 scope, else 404), never cached and never indexed.
    """
    doc = _document_or_404(request, pk)
    preview = document_preview(doc)
    response = render(
        request,
        "staff/document_preview.html",
        {
            "section": "documents",
            "doc": preview.doc,
            "issuers": preview.issuers,
            "attachments": preview.attachments,
            "interpretations": preview.interpretations,
            "superseded_by": preview.superseded_by,
            "preview": preview,
            # The public template's own not-public banner is replaced by the preview's.
            "is_public": True,
            "staff_url": reverse("staff:document", args=[doc.pk]),
        },
    )
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    return response


@staff_required
def attachment_download(request: HttpRequest, pk: int, att_pk: int) -> FileResponse:
    """An attachment of a record in the user's scope, public or not yet (a revision's): what a reviewer opens."""
    from gongkai.documents.views import DOWNLOAD_EXTENSIONS, download_name

    doc = _document_or_404(request, pk)
    attachment = attachment_for_staff(doc, att_pk)
    if attachment is None:
        raise Http404(_("附件不存在"))
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("附件不存在")) from exc
    known = attachment.content_type in DOWNLOAD_EXTENSIONS
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type if known else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def interpretation_image(request: HttpRequest, pk: int) -> FileResponse:
    """The image of a graphic interpretation (图解) in the user's scope, published or not: what a reviewer sees."""
    item = interpretation_get_for_staff(request.user, pk)
    extension = item.image.name.rsplit(".", 1)[-1].lower() if item.image else ""
    content_type = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}.get(
        extension
    )
    if content_type is None:
        raise Http404(_("图片不存在"))
    try:
        handle = item.image.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("图片不存在")) from exc
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
