"""The public column 意见征集 under ``/participation/consultations/``: the list, a draft with its numbered
paragraphs and moderated comments, the comment form (after a confirmation code), and the 意见采纳情况 report."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import ratelimit
from gongkai.core.errors import GongkaiError
from gongkai.participation import selectors, services
from gongkai.participation.forms import CodeForm, CommentForm
from gongkai.participation.models import Consultation

PAGE = 20
SESSION_CONTACT = "participation_contact"


def _client_key(request: HttpRequest) -> str:
    return ratelimit.address_key(request)


@require_http_methods(["GET", "HEAD"])
def consultation_list(request: HttpRequest) -> HttpResponse:
    """意见征集: open consultations first, then closed ones with their reports."""
    page = Paginator(selectors.consultation_list_public(), PAGE).get_page(request.GET.get("page"))
    return render(request, "participation/list.html", {"section": "participation", "page": page})


def _detail(
    request: HttpRequest, consultation: Consultation, *, form: CommentForm | None = None, status: int = 200
) -> HttpResponse:
    comments = selectors.comments_shown(consultation)
    paragraphs, general = selectors.paragraphs_with_comments(consultation, comments)
    if form is None:
        contact = request.session.get(SESSION_CONTACT, {})
        chosen = request.GET.get("paragraph", "")
        form = CommentForm(
            initial={
                "paragraph": chosen if chosen.isdigit() else "",
                "channel": contact.get("channel", ""),
                "address": contact.get("address", ""),
            },
        )
    form.set_paragraphs([view.paragraph for view in paragraphs])
    context = {
        "section": "participation",
        "consultation": consultation,
        "paragraphs": paragraphs,
        "general": general,
        "shown_count": len(comments),
        "form": form,
        "code_form": CodeForm(prefix="contact", initial=request.session.get(SESSION_CONTACT, {})),
        "accepting": consultation.status == "open",
    }
    return render(request, "participation/detail.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.consultation_get_public(pk))


@require_POST
def code_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a confirmation code to the citizen's e-mail (or show a phone code in DEBUG)."""
    consultation = selectors.consultation_get_public(pk)
    form = CodeForm(request.POST, prefix="contact")
    if not form.is_valid():
        messages.error(request, gettext("请选择验证方式并填写联系方式"))
        return redirect(consultation)
    channel, address = form.cleaned_data["channel"], form.cleaned_data["address"]
    try:
        shown = services.confirmation_request(
            channel=channel, address=address, client_key=_client_key(request)
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        request.session[SESSION_CONTACT] = {"channel": channel, "address": address.strip()}
        if shown:
            messages.info(request, gettext("调试模式（未接入短信）：验证码 %(code)s") % {"code": shown})
        else:
            messages.success(request, gettext("验证码已发送，30 分钟内有效"))
    paragraph = request.POST.get("paragraph", "")
    query = f"?paragraph={paragraph}" if paragraph.isdigit() else ""
    return redirect(f"{consultation.get_absolute_url()}{query}#comment-form")


@require_POST
def comment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a comment; on a refusal the page comes back with everything the citizen typed."""
    consultation = selectors.consultation_get_public(pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail(request, consultation, form=form, status=400)
    try:
        services.comment_submit(
            consultation=consultation, data=form.to_data(), client_key=_client_key(request)
        )
    except GongkaiError as exc:
        form.add_service_errors(exc)
        return _detail(request, consultation, form=form, status=exc.status)
    messages.success(request, gettext("意见已提交，经审核后公开。感谢您的参与！"))
    return redirect(consultation)


@require_http_methods(["GET", "HEAD"])
def consultation_report(request: HttpRequest, pk: int) -> HttpResponse:
    """意见采纳情况: counts by outcome, the handled opinions with reasons, and the changes to the draft."""
    consultation = selectors.consultation_get_public(pk)
    if not consultation.is_reported:
        raise Http404(gettext("意见采纳情况尚未发布"))
    context = {
        "section": "participation",
        "consultation": consultation,
        "report": selectors.adoption_report(consultation),
    }
    return render(request, "participation/report.html", context)


# --- 建议提案办理: the public column of cleared replies ------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def proposal_list(request: HttpRequest) -> HttpResponse:
    """建议提案办理复文: the published replies, each titled with its content summary."""
    from gongkai.participation.proposals import proposals_public

    page = Paginator(proposals_public(), PAGE).get_page(request.GET.get("page"))
    return render(request, "participation/proposal_list.html", {"section": "participation", "page": page})


@require_http_methods(["GET", "HEAD"])
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published reply with the full text of the suggestion and of the reply letter."""
    from gongkai.participation.proposals import proposals_public

    proposal = proposals_public().filter(pk=pk).first()
    if proposal is None:
        raise Http404(gettext("答复不存在或尚未公开"))
    return render(
        request, "participation/proposal_detail.html", {"section": "participation", "proposal": proposal}
    )
