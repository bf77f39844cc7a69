"""The reviewer's screen (发布前筛查) at ``/staff/documents/<pk>/screening/``: each text of the record version under
review, a page at a time, with its findings highlighted in place and a form per decision (keyboard shortcuts in
``static/screening/screen.js``)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.feedback import perform
from gongkai.documents.models import Document
from gongkai.orgs.scope import Perm, can
from gongkai.screening import selectors, services
from gongkai.screening.forms import AddForm, DecideForm, OverrideForm
from gongkai.screening.models import Decision, Family, Finding, Screening

PAGE_CHARS = 20_000


def _screen_url(
    doc: Document, screening_id: int | None = None, page: int | None = None, anchor: str = ""
) -> str:
    query = {k: v for k, v in (("s", screening_id), ("page", page)) if v}
    url = reverse("staff:screening", args=[doc.pk])
    return url + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value or default), 1)
    except ValueError:
        return default


def _segments(text: str, findings: list[Finding], start: int, end: int) -> list[dict]:
    """The page's text cut at the findings: plain runs and highlighted runs, each with its absolute offset."""
    segments: list[dict] = []
    cursor = start
    for finding in findings:
        s, e = max(finding.start, cursor), min(finding.end, end)
        if e <= s:
            continue
        if s > cursor:
            segments.append({"start": cursor, "text": text[cursor:s], "finding": None})
        segments.append({"start": s, "text": text[s:e], "finding": finding})
        cursor = e
    if cursor < end:
        segments.append({"start": cursor, "text": text[cursor:end], "finding": None})
    return segments


@staff_required
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.document_get_for_screening(request.user, pk)
    revision = selectors.screened_version(doc)
    screenings = selectors.current_screenings(doc, revision)
    wanted = _int(request.GET.get("s"), 0)
    selected_meta = next((s for s in screenings if s.pk == wanted), screenings[0] if screenings else None)
    # Every name the templates read is set: a missing one makes Django log the whole context at DEBUG, text and all.
    context: dict = {
        "section": "",
        "selected": None,
        "doc": doc,
        "revision": revision,
        "screenings": screenings,
        "state": selectors.unresolved(doc, revision),
        "can_review": can(request.user, Perm.DOCUMENT_REVIEW, doc.organisation),
        "can_override": can(request.user, Perm.DOCUMENT_PUBLISH, doc.organisation),
        "add_form": AddForm(),
        "override_form": OverrideForm(),
        "Decision": Decision,
    }
    if selected_meta is not None:
        selected = Screening.objects.get(pk=selected_meta.pk)
        text = selected.text
        pages = max(1, -(-len(text) // PAGE_CHARS))
        page = min(_int(request.GET.get("page"), 1), pages)
        start, end = (page - 1) * PAGE_CHARS, min(page * PAGE_CHARS, len(text))
        findings = selectors.findings_in(selected, start, end)
        open_pages = sorted(
            {
                f_start // PAGE_CHARS + 1
                for f_start in selected.findings.filter(decision=Decision.OPEN).values_list(
                    "start", flat=True
                )
            }
        )
        masked_preview = services.replace_all(text[start:end], services.replacements_for(selected))
        context.update(
            selected=selected,
            page=page,
            pages=pages,
            prev_url=_screen_url(doc, selected.pk, page - 1) if page > 1 else "",
            next_url=_screen_url(doc, selected.pk, page + 1) if page < pages else "",
            next_open_url=next((_screen_url(doc, selected.pk, p) for p in open_pages if p != page), ""),
            segments=_segments(text, findings, start, end),
            findings=findings,
            masked_preview=masked_preview,
            personal=Family.PERSONAL,
            confidentiality=Family.CONFIDENTIALITY,
            reviewer=Family.REVIEWER,
        )
    return render(request, "screening/screen.html", context)


def _finding_of(doc: Document, finding_id: int) -> Finding:
    finding = Finding.objects.select_related("screening").filter(pk=finding_id).first()
    if finding is None or finding.screening.document_id != doc.pk:
        raise Http404(_("记录不存在"))
    return finding


def _back(request: HttpRequest, doc: Document, screening: Screening, finding: Finding | None = None) -> str:
    page = _int(request.POST.get("page"), 1)
    return _screen_url(doc, screening.pk, page, f"f{finding.pk}" if finding else "")


def _run(request: HttpRequest, call: Callable[[], str], redirect_to: str) -> HttpResponse:
    return perform(request, call, redirect_to=redirect_to)


@staff_required
@require_POST
def decide(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    doc = selectors.document_get_for_screening(request.user, pk)
    finding = _finding_of(doc, finding_id)
    form = DecideForm(request.POST)
    target = _back(request, doc, finding.screening, finding)
    if not form.is_valid():
        return _run(request, lambda: _invalid(), target)
    accept = form.cleaned_data["decision"] == "accept"

    def act() -> str:
        services.finding_decide(finding_id=finding.pk, actor=request.user, accept=accept)
        return _("已标记为遮盖") if accept else _("已标记为不遮盖")

    return _run(request, act, target)


def _invalid() -> str:
    from gongkai.core.errors import ValidationFailed

    raise ValidationFailed(_("请求无效，请重试"), detail="Invalid form", code="screening.invalid_form")


@staff_required
@require_POST
def add(request: HttpRequest, pk: int, screening_id: int) -> HttpResponse:
    doc = selectors.document_get_for_screening(request.user, pk)
    screening = Screening.objects.defer("text").filter(pk=screening_id, document=doc).first()
    if screening is None:
        raise Http404(_("记录不存在"))
    form = AddForm(request.POST)
    target = _back(request, doc, screening)
    if not form.is_valid():
        return _run(request, lambda: _invalid(), target)
    data = form.cleaned_data

    def act() -> str:
        by_span = data["start"] is not None and data["end"] is not None
        services.finding_add(
            screening_id=screening.pk,
            actor=request.user,
            start=data["start"] if by_span else None,
            end=data["end"] if by_span else None,
            text=data["text"] or "",
        )
        return _("已添加遮盖项")

    return _run(request, act, target)


@staff_required
@require_POST
def remove(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    doc = selectors.document_get_for_screening(request.user, pk)
    finding = _finding_of(doc, finding_id)

    def act() -> str:
        services.finding_remove(finding_id=finding.pk, actor=request.user)
        return _("已删除遮盖项")

    return _run(request, act, _back(request, doc, finding.screening))


@staff_required
@require_POST
def override(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    doc = selectors.document_get_for_screening(request.user, pk)
    finding = _finding_of(doc, finding_id)
    form = OverrideForm(request.POST)
    target = _back(request, doc, finding.screening, finding)

    def act() -> str:
        services.finding_override(
            finding_id=finding.pk,
            actor=request.user,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
        return _("已批准保留该标记")

    return _run(request, act, target)


@staff_required
@require_POST
def restart(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.document_get_for_screening(request.user, pk)
    revision = selectors.screened_version(doc)

    def act() -> str:
        created = services.screening_restart(document=doc, revision=revision, actor=request.user)
        return _("已重新筛查 %(n)d 项") % {"n": len(created)}

    return _run(request, act, _screen_url(doc))
