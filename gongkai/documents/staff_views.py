"""The back office for records: drafting, review, publication, attachments, interpretations, the timer.

Views parse input, call one service or selector and render; objects outside the user's scope are 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.core.feedback import perform
from gongkai.core.models import AuditEvent
from gongkai.documents import services, workflow
from gongkai.documents.forms import (
    ActionForm,
    AttachmentForm,
    DocumentForm,
    InterpretationCreateForm,
    ValidityForm,
)
from gongkai.documents.models import Document, Status
from gongkai.documents.selectors import disclosure_timer, document_visible_q
from gongkai.orgs.scope import Perm, can, get_for_user_or_404, is_staff_member, organisations_for, restrict


def staff_required(view):
    """Logged-in staff only: anonymous users go to the login page, others get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise DjangoPermissionDenied(_("仅限工作人员"))
        return view(request, *args, **kwargs)

    return wrapper


def _perform(request: HttpRequest, doc: Document, call: Callable[[], str]) -> HttpResponse:
    return perform(request, call, redirect_to=reverse("staff:document", args=[doc.pk]))


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    return get_for_user_or_404(
        Document.objects.select_related("organisation", "theme__parent"),
        request.user,
        Perm.DOCUMENT_VIEW,
        pk=pk,
    )


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    qs = restrict(Document.objects.all(), request.user, Perm.DOCUMENT_VIEW)
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    qs = (
        qs.select_related("organisation")
        .defer("body_html", "body_text", "extra")
        .order_by("-updated_at", "-id")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    timer = disclosure_timer(request.user, today=timezone.localdate(), limit=200)
    return render(
        request,
        "staff/dashboard.html",
        {
            "page": page,
            "statuses": Status.choices,
            "status": status,
            "overdue": sum(1 for row in timer if row.overdue),
            "approaching": sum(1 for row in timer if row.approaching),
            "can_create": organisations_for(request.user, Perm.DOCUMENT_EDIT).exists(),
        },
    )


@staff_required
def timer(request: HttpRequest) -> HttpResponse:
    rows = disclosure_timer(request.user, today=timezone.localdate())
    return render(request, "staff/timer.html", {"rows": rows, "today": timezone.localdate()})


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
    form = DocumentForm(request.POST or None, document=doc, initial=DocumentForm.initial_from(doc))
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
            messages.success(request, _("已保存") if changed else _("没有修改"))
            return redirect("staff:document", pk=doc.pk)
    return render(request, "staff/document_form.html", {"form": form, "document": doc})


@staff_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    events = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Document), object_id=str(doc.pk)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    status_labels = dict(Status.choices)
    history = [
        {
            "event": e,
            "label": workflow.event_label(e.action),
            "from": status_labels.get(e.from_status, ""),
            "to": status_labels.get(e.to_status, ""),
        }
        for e in events
    ]
    editable = doc.status == Status.DRAFT and can(request.user, Perm.DOCUMENT_EDIT, doc.organisation)
    revisable = doc.status in (Status.PUBLISHED, Status.REVISED) and can(
        request.user, Perm.DOCUMENT_PUBLISH, doc.organisation
    )
    return render(
        request,
        "staff/document_detail.html",
        {
            "doc": doc,
            "history": history,
            "actions": workflow.available_actions(doc, request.user),
            "can_edit": editable or revisable,
            "can_attach": editable or revisable,
            "can_interpret": can(request.user, Perm.DOCUMENT_EDIT, doc.organisation),
            "attachment_form": AttachmentForm(),
            "interpretation_form": InterpretationCreateForm(),
            "validity_form": ValidityForm(
                initial={"validity": doc.validity, "changed_on": doc.validity_changed_on}
            ),
            "can_change_validity": revisable,
            "attachments": doc.attachments.all(),
            "interpretations": doc.interpretations.all(),
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
        services.attachment_add(document=doc, actor=request.user, name=upload.name, data=upload.read())
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
        return _("解读已关联")

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
