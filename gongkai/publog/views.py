"""Public pages of the publication log: the check page, a record's canonical body, the public key."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core import files, ratelimit
from gongkai.core.errors import GongkaiError, ValidationFailed
from gongkai.documents.models import Document, Interpretation
from gongkai.publog import canonical, keys, selectors
from gongkai.publog.forms import CheckForm

# Checks per client address per minute: each reads a file or hashes a record, so keep robots to a trickle.
CHECK_LIMIT = 20
CHECK_WINDOW = 60


def _read_upload(upload) -> bytes:
    """The uploaded bytes, refused like an attachment upload (``core.files.check_upload``) unless they are a
    record body saved from this site (``body.json``), which is text."""
    limit = settings.ATTACHMENT_MAX_BYTES
    data = upload.read(limit + 1)
    if files.sniff(data) == files.TEXT and f'"format":"{canonical.BODY_FORMAT}"'.encode() in data:
        if len(data) > limit:
            files.check_upload(data)  # refused as too large, with the upload's message
        return data
    files.check_upload(data)
    return data


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """公开记录核验: does a portal page, an attachment or a downloaded file match what was published, and when?"""
    result = None
    form = CheckForm()
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        allowed = ratelimit.hit(
            "publog-check",
            ratelimit.address_key(request),
            limit=CHECK_LIMIT,
            window_seconds=CHECK_WINDOW,
        )
        if not allowed:
            form.is_valid()
            form.add_error(None, gettext("查询过于频繁，请一分钟后再试"))
            return render(request, "publog/check.html", {"form": form, "section": "publog"}, status=429)
        if form.is_valid():
            try:
                if form.cleaned_data["url"].strip():
                    result = selectors.url_check(form.cleaned_data["url"])
                else:
                    result = selectors.bytes_check(_read_upload(form.cleaned_data["file"]))
            except GongkaiError as exc:
                if isinstance(exc, ValidationFailed) and "file" in exc.fields:
                    exc.fields = {"file": exc.message}
                form.add_service_errors(exc)
    status = 400 if form.errors else 200
    context = {"form": form, "result": result, "section": "publog", "head": _latest_head()}
    return render(request, "publog/check.html", context, status=status)


def _latest_head():
    try:
        return selectors.head_latest()
    except GongkaiError:
        return None


@require_GET
def body(request: HttpRequest, pk: int) -> HttpResponse:
    """The canonical bytes of a public record's body, whose SHA-256 its log entries carry (``publog.canonical``)."""
    document = Document.objects.filter(pk=pk).first()
    if document is None or not document.is_public:
        raise Http404(gettext("该信息不存在或未公开"))
    response = HttpResponse(canonical.record_body_bytes(document), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="record-{document.pk}.json"'
    return response


@require_GET
def interpretation_body(request: HttpRequest, pk: int) -> HttpResponse:
    """The canonical bytes of a published interpretation's body (政策解读, ``publog.canonical``)."""
    item = Interpretation.objects.filter(Interpretation.public_q(), pk=pk).first()
    if item is None:
        raise Http404(gettext("该解读不存在或未公开"))
    response = HttpResponse(canonical.interpretation_body_bytes(item), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="interpretation-{item.pk}.json"'
    return response


@require_GET
def public_key(request: HttpRequest) -> HttpResponse:
    """The publication key's public half (PEM, SubjectPublicKeyInfo): what signed tree heads verify against."""
    try:
        key = keys.public_key()
    except GongkaiError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(keys.public_pem(key), content_type="text/plain; charset=us-ascii")
    response["X-Key-Id"] = keys.key_id(key)
    response["Access-Control-Allow-Origin"] = "*"
    return response
