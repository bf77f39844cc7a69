"""The reply letter (政府信息公开申请答复书) as DOCX and PDF (条例 art. 36, SPEC R1.12).

Each decision type has a template staff can edit (:class:`~gongkai.foi.models.LetterTemplate`): a city-wide
default (seeded from :data:`DEFAULT_TEMPLATES`) that an organisation may override. A template's body may use
only the placeholders in :data:`PLACEHOLDERS`; anything else is refused with a message naming it. Whatever the
template says, the letter always carries its legal basis, the remedy sentence (行政复议 within 60 days,
行政诉讼 within 6 months) and the issuing line (organ, date, seal).
"""

from __future__ import annotations

import io
import string
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.foi.models import Decision, FoiApplication, LetterTemplate, StepKind
from gongkai.orgs.models import Organisation

ACT = "《中华人民共和国政府信息公开条例》"

# The legal basis of each decision type (条例 art. 36 and the articles it leans on).
LEGAL_BASIS: dict[str, str] = {
    Decision.ALREADY_PUBLIC: f"{ACT}第三十六条第（一）项",
    Decision.DISCLOSE: f"{ACT}第三十六条第（二）项",
    Decision.PARTIAL: f"{ACT}第三十七条",
    Decision.WITHHOLD: f"{ACT}第三十六条第（三）项、第十四条至第十六条",
    Decision.NOT_EXIST: f"{ACT}第三十六条第（四）项",
    Decision.NOT_RESPONSIBLE: f"{ACT}第三十六条第（五）项",
    Decision.REPEAT: f"{ACT}第三十六条第（六）项",
    Decision.SPECIAL_LAW: f"{ACT}第三十六条第（七）项",
    Decision.NOT_PROCESSED: f"{ACT}第三十五条、第三十九条",
    Decision.UNAVAILABLE: f"{ACT}第三十六条第（四）项、第三十八条",
    Decision.OTHER: f"{ACT}第三十三条",
}

REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)

SEAL = "（印章）"

# What a template may say in braces, and what each stands for.
PLACEHOLDERS: dict[str, str] = {
    "申请人": "申请人姓名或名称",
    "申请编号": "申请编号",
    "申请日期": "申请人提交日期",
    "收到日期": "本机关收到申请日期",
    "内容": "所申请信息的描述",
    "答复内容": "办理人员填写的答复内容",
    "答复类型": "答复类型",
    "依据": "法律依据",
    "机关": "答复机关名称",
    "答复日期": "答复日期",
}

_OPENING = "本机关于{收到日期}收到您提交的政府信息公开申请（申请编号：{申请编号}），申请获取：{内容}。"

DEFAULT_TEMPLATES: dict[str, str] = {
    Decision.ALREADY_PUBLIC: _OPENING
    + "\n经审查，您所申请的政府信息本机关已经主动公开，根据{依据}的规定，告知您获取该信息的方式和途径：{答复内容}",
    Decision.DISCLOSE: _OPENING
    + "\n经审查，您所申请的政府信息属于公开范围，根据{依据}的规定，本机关向您提供该信息（或者告知获取的方式、途径和时间）：{答复内容}",
    Decision.PARTIAL: _OPENING
    + "\n经审查，您所申请的政府信息中含有不应当公开的内容，但能够作区分处理。根据{依据}的规定，本机关向您提供可以公开的部分，对不予公开的部分说明理由如下：{答复内容}",
    Decision.WITHHOLD: _OPENING
    + "\n经审查，您所申请的政府信息属于不予公开的范围，根据{依据}的规定，本机关决定不予公开，理由如下：{答复内容}",
    Decision.NOT_EXIST: _OPENING
    + "\n经检索，本机关没有您所申请公开的政府信息，根据{依据}的规定，告知您该政府信息不存在。{答复内容}",
    Decision.NOT_RESPONSIBLE: _OPENING
    + "\n经审查，您所申请的政府信息不属于本机关负责公开，根据{依据}的规定说明如下：{答复内容}",
    Decision.REPEAT: _OPENING
    + "\n经审查，您的申请属于重复申请，根据{依据}的规定，本机关不予重复处理。{答复内容}",
    Decision.SPECIAL_LAW: _OPENING
    + "\n您所申请的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定，根据{依据}的规定，请您依照有关法律、行政法规的规定办理。{答复内容}",
    Decision.NOT_PROCESSED: _OPENING
    + "\n经审查，根据{依据}的规定，本机关对您的申请不予处理，理由如下：{答复内容}",
    Decision.UNAVAILABLE: _OPENING
    + "\n经审查，本机关无法提供您所申请的政府信息，根据{依据}的规定说明如下：{答复内容}",
    Decision.OTHER: _OPENING + "\n根据{依据}的规定，答复如下：{答复内容}",
}

DEFAULT_TITLE = "政府信息公开申请答复书"


# --- templates ----------------------------------------------------------------------------------------------


def template_placeholders(body: str) -> list[str]:
    """The placeholder names in ``body``; ValidationFailed when its braces do not pair up or a placeholder has
    an attribute, index or format ({申请人.x}, {内容[0]}, {收到日期:%Y})."""
    names = []
    try:
        parsed = list(string.Formatter().parse(body))
    except ValueError:
        raise ValidationFailed(
            gettext("模板中的花括号不成对：占位符应写成 {申请人} 这样，文字中的花括号请写成 {{ 或 }}"),
            detail="Unbalanced braces in the letter template",
            code="foi.template_braces",
            field="body",
        ) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name or any(c in name for c in ".[]"):
            raise ValidationFailed(
                gettext("占位符 {%(name)s} 的写法不正确，应写成 {申请人} 这样") % {"name": name},
                detail=f"Malformed placeholder {name!r}",
                code="foi.template_placeholder",
                field="body",
            )
        names.append(name)
    return names


def template_validate(body: str) -> None:
    """Refuse a body that is empty or names a placeholder outside :data:`PLACEHOLDERS`, saying which."""
    if not body.strip():
        raise ValidationFailed(
            gettext("请填写模板正文"), detail="Empty template", code="foi.text_required", field="body"
        )
    unknown = [name for name in template_placeholders(body) if name not in PLACEHOLDERS]
    if unknown:
        raise ValidationFailed(
            gettext("模板中有未知的占位符：%(unknown)s。可用的占位符：%(known)s")
            % {
                "unknown": "、".join("{" + n + "}" for n in dict.fromkeys(unknown)),
                "known": "、".join("{" + n + "}" for n in PLACEHOLDERS),
            },
            detail="Unknown placeholders: " + ", ".join(unknown),
            code="foi.template_unknown_placeholder",
            field="body",
        )


@dataclass(frozen=True)
class TemplateText:
    """The template in force for a decision and organisation, and where it came from."""

    title: str
    body: str
    legal_basis: str
    source: LetterTemplate | None  # None: the built-in default


def template_for(decision: str, organisation: Organisation | None) -> TemplateText:
    """The organisation's own template for ``decision``, else the city-wide default row, else the built-in."""
    from django.db.models import Q

    own = Q(organisation__isnull=True)
    if organisation is not None:
        own |= Q(organisation=organisation)
    rows = {t.organisation_id: t for t in LetterTemplate.objects.filter(own, decision=decision)}
    row = rows.get(organisation.pk if organisation else None) or rows.get(None)
    if row is not None:
        return TemplateText(row.title, row.body, row.legal_basis, row)
    return TemplateText(
        DEFAULT_TITLE, DEFAULT_TEMPLATES.get(decision, "{答复内容}"), LEGAL_BASIS.get(decision, ACT), None
    )


def _may_edit_templates(user, organisation: Organisation | None) -> bool:
    from gongkai.orgs.scope import Perm, can, is_superuser

    if organisation is None:
        return is_superuser(user)
    return can(user, Perm.ORG_MANAGE, organisation)


@transaction.atomic
def letter_template_save(
    *,
    actor,
    decision: str,
    organisation: Organisation | None,
    title: str,
    body: str,
    legal_basis: str,
) -> LetterTemplate:
    """Create or change the template of ``decision`` for ``organisation`` (``None``: the city-wide default,
    superusers only; an organisation's own: ``org.manage`` there). Audited with the old and new text."""
    if decision not in Decision.values:
        raise ValidationFailed(
            gettext("请选择答复类型"), detail="Unknown decision", code="foi.bad_decision", field="decision"
        )
    if not _may_edit_templates(actor, organisation):
        raise PermissionDenied(
            gettext("您没有修改该答复书模板的权限"),
            detail="Not allowed to edit this letter template",
            code="foi.forbidden",
        )
    template_validate(body)
    if not legal_basis.strip():
        raise ValidationFailed(
            gettext("请填写法律依据"),
            detail="Empty legal basis",
            code="foi.text_required",
            field="legal_basis",
        )
    row, created = LetterTemplate.objects.select_for_update().get_or_create(
        decision=decision,
        organisation=organisation,
        defaults={"title": title.strip() or DEFAULT_TITLE, "body": body, "legal_basis": legal_basis.strip()},
    )
    before = {"title": row.title, "body": row.body, "legal_basis": row.legal_basis}
    row.title = title.strip() or DEFAULT_TITLE
    row.body = body
    row.legal_basis = legal_basis.strip()
    row.updated_by = actor
    row.save()
    record_audit(
        row,
        action="foi_letter_template.save",
        actor=actor,
        data={"decision": decision, "created": created, "before": None if created else before},
    )
    return row


# --- the letter ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Letter:
    """A rendered letter: its title and paragraphs, the last three being the basis, remedy and issuing line."""

    title: str
    paragraphs: list[str]
    legal_basis: str


def reply_letter(application: FoiApplication) -> Letter:
    """The reply letter of a replied application, from the template in force for its decision and organ."""
    reply = application.steps.filter(kind=StepKind.REPLY).order_by("-id").first()
    if reply is None or not application.decision:
        raise ValueError(f"application {application.pk} has no reply")
    template = template_for(application.decision, application.organisation)
    date_text = f"{reply.started_on.year}年{reply.started_on.month}月{reply.started_on.day}日"
    values = {
        "申请人": application.name,
        "申请编号": application.tracking_number,
        "申请日期": _date(application.submitted_on),
        "收到日期": _date(application.received_on),
        "内容": application.description,
        "答复内容": reply.text,
        "答复类型": application.get_decision_display(),
        "依据": template.legal_basis,
        "机关": application.organisation.name,
        "答复日期": date_text,
    }
    try:
        body = template.body.format_map(values)
    except (KeyError, ValueError, IndexError):  # a row edited outside the service: fall back to the built-in
        body = DEFAULT_TEMPLATES.get(application.decision, "{答复内容}").format_map(values)
    paragraphs = [f"{application.name}："]
    paragraphs += [line.strip() for line in body.splitlines() if line.strip()]
    paragraphs.append(gettext("依据：%(basis)s。") % {"basis": template.legal_basis})
    paragraphs.append(REMEDY)
    paragraphs += [application.organisation.name, SEAL, date_text]
    return Letter(title=template.title, paragraphs=paragraphs, legal_basis=template.legal_basis)


def _date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def reply_letter_docx(application: FoiApplication) -> bytes:
    """The reply letter as DOCX bytes, always in the site's default language (Chinese): it is an official
    document, whatever language the page that asked for it was in."""
    from django.conf import settings
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    with translation.override(settings.LANGUAGE_CODE):
        letter = reply_letter(application)
    document = Document()
    heading = document.add_heading(letter.title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(application.tracking_number).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    issuing = len(letter.paragraphs) - 3
    for index, text in enumerate(letter.paragraphs):
        paragraph = document.add_paragraph(text)
        if index >= issuing:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def reply_letter_pdf(application: FoiApplication) -> bytes:
    """The reply letter as PDF (``core.pdf.text_pdf``; ValidationFailed when the server has no CJK font)."""
    from django.conf import settings

    from gongkai.core.pdf import text_pdf

    with translation.override(settings.LANGUAGE_CODE):
        letter = reply_letter(application)
    return text_pdf(
        [application.tracking_number, *letter.paragraphs],
        title=letter.title,
        author=application.organisation.name,
    )
