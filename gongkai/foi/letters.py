"""The reply letter (政府信息公开申请答复书) as DOCX: the decision, its legal basis, the remedy sentence and the
issuing line (条例 art. 36, SPEC R1.12).

First slice: the wording per decision type is kept here; a template that staff can edit, PDF output and the
de-identification pass before publication are later steps (issue 13).
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext

from gongkai.foi.models import Decision, FoiApplication, StepKind

# The legal basis of each decision type (条例 art. 36 and the articles it leans on).
LEGAL_BASIS: dict[str, str] = {
    Decision.ALREADY_PUBLIC: "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
    Decision.DISCLOSE: "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    Decision.PARTIAL: "《中华人民共和国政府信息公开条例》第三十七条",
    Decision.WITHHOLD: "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十四条至第十六条",
    Decision.NOT_EXIST: "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    Decision.NOT_RESPONSIBLE: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
    Decision.REPEAT: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    Decision.SPECIAL_LAW: "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    Decision.NOT_PROCESSED: "《中华人民共和国政府信息公开条例》第三十五条、第三十九条",
    Decision.UNAVAILABLE: "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第三十八条",
    Decision.OTHER: "《中华人民共和国政府信息公开条例》",
}

REMEDY = (
    "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
    "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
)


def reply_letter_docx(application: FoiApplication) -> bytes:
    """The reply letter of a replied application as DOCX bytes, always in the site's default language (Chinese):
    it is an official document, whatever language the page that asked for it was in."""
    from django.conf import settings

    with translation.override(settings.LANGUAGE_CODE):
        return _reply_letter_docx(application)


def _reply_letter_docx(application: FoiApplication) -> bytes:
    from docx import Document

    reply = application.steps.filter(kind=StepKind.REPLY).order_by("-id").first()
    if reply is None:
        raise ValueError(f"application {application.pk} has no reply")
    document = Document()
    document.add_heading(gettext("政府信息公开申请答复书"), level=1)
    document.add_paragraph(f"{application.tracking_number}")
    document.add_paragraph(f"{application.name}：")
    document.add_paragraph(
        gettext("本机关于 %(received)s 收到您的政府信息公开申请，申请获取：%(description)s。")
        % {"received": application.received_on.isoformat(), "description": application.description}
    )
    document.add_paragraph(
        gettext("经审查，现答复如下：%(decision)s。") % {"decision": application.get_decision_display()}
    )
    document.add_paragraph(reply.text)
    document.add_paragraph(
        gettext("依据：%(basis)s。") % {"basis": LEGAL_BASIS.get(application.decision, "")}
    )
    document.add_paragraph(REMEDY)
    document.add_paragraph(application.organisation.name)
    document.add_paragraph(reply.started_on.strftime("%Y年%m月%d日"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
