"""How screening plugs into the records' workflow (``documents.workflow`` through ``core.workflow``):

* submitting a record or a revision screens it (an effect in the submit's transaction);
* approving, scheduling and publishing are refused while a text is unscreened, a screening is pending or failed,
  or a finding is open (guards, code ``screening.unresolved``);
* publishing masks the accepted findings before the row is saved and the publication log hashes it (prepare).

Nothing is published unscreened: a record that reached approval without a submit (an import, a test factory)
is screened by the guard itself, synchronously.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, ngettext

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Move
from gongkai.documents.models import Document, DocumentRevision, RevisionStatus, Status
from gongkai.screening import selectors, services
from gongkai.screening.models import ScreeningStatus


def _version(obj: Document | DocumentRevision) -> tuple[Document, DocumentRevision | None]:
    if isinstance(obj, DocumentRevision):
        return obj.document, obj
    return obj, None


def screen_on_submit(obj: Document | DocumentRevision, event: AuditEvent, actor: Any) -> None:
    document, revision = _version(obj)
    services.screenings_ensure(document=document, revision=revision)


def require_screened(obj: Document | DocumentRevision, actor: Any) -> None:
    """Refuse the move unless every text of the version is screened and every finding decided."""
    document, revision = _version(obj)
    state = selectors.unresolved(document, revision)
    if state.missing:
        # Reached review without a submit (an import, a factory): screen it now, in this transaction.
        services.screenings_ensure(document=document, revision=revision, run_all_now=True)
        state = selectors.unresolved(document, revision)
    if state.unfinished:
        missing_file = next(
            (
                s
                for s in selectors.current_screenings(document, revision)
                if s.status == ScreeningStatus.FAILED and s.error in ("FileNotFoundError", "ValueError")
            ),
            None,
        )
        if missing_file is not None and missing_file.attachment is not None:
            raise ValidationFailed(
                gettext("附件“%(name)s”的文件缺失，无法筛查，不能公开")
                % {"name": missing_file.attachment.original_name},
                detail="An attachment's file is missing, so it cannot be screened",
                code="screening.unresolved",
            )
        raise ValidationFailed(
            ngettext(
                "发布前筛查尚未完成（%(n)d 项待筛查或筛查失败），请稍后再试或在筛查页面重新筛查",
                "发布前筛查尚未完成（%(n)d 项待筛查或筛查失败），请稍后再试或在筛查页面重新筛查",
                state.unfinished,
            )
            % {"n": state.unfinished},
            detail="Pre-publication screening is pending or failed",
            code="screening.unresolved",
        )
    if state.open:
        raise ValidationFailed(
            ngettext(
                "发布前筛查发现 %(n)d 处个人信息或保密审查标记尚未处理，请在筛查页面逐项确认",
                "发布前筛查发现 %(n)d 处个人信息或保密审查标记尚未处理，请在筛查页面逐项确认",
                state.open,
            )
            % {"n": state.open},
            detail="Screening findings are unresolved",
            code="screening.unresolved",
        )


def mask_on_publish(doc: Document, source: str, move: Move) -> list[str]:
    """Mask the accepted findings of the version being published (the record, or the revision just published)."""
    revision = None
    if move.target == Status.REVISED:  # made by publishing a revision, which is already saved as published
        revision = doc.revisions.filter(status=RevisionStatus.PUBLISHED).order_by("-id").first()
        if revision is None:
            return []
    return services.version_mask(document=doc, revision=revision)


def subscribe() -> None:
    """Called from ``ScreeningConfig.ready()``."""
    from gongkai.documents.workflow import document_machine, revision_machine

    document_machine.in_transaction("submit", screen_on_submit)
    revision_machine.in_transaction("submit", screen_on_submit)
    for action in ("approve", "schedule", "publish"):
        document_machine.add_guard(action, require_screened)
    for action in ("approve", "publish"):
        revision_machine.add_guard(action, require_screened)
    document_machine.add_prepare("publish", mask_on_publish)
    document_machine.add_prepare("revise", mask_on_publish)


def explain_unresolved(state: selectors.Unresolved) -> str:
    if state.clear:
        return gettext("筛查结果已全部处理")
    return gettext("待筛查 %(u)d 项，待处理 %(o)d 处") % {
        "u": state.unfinished + state.missing,
        "o": state.open,
    }
