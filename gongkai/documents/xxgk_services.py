"""Writes behind the 政府信息公开 section's columns: the public reason of a withdrawal and catalogue entry edits.

Each is audited and bumps the page cache's generations after it commits (``core.pagecache``).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from gongkai.core import pagecache
from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.documents.models import CatalogItem, Document, Status
from gongkai.documents.xxgk import WITHDRAWAL_REASON_KEY
from gongkai.orgs.scope import Perm, can

WITHDRAWAL_REASON_MAX = 500


@transaction.atomic
def document_withdrawal_reason_set(*, document: Document, actor: AbstractBaseUser, reason: str) -> Document:
    """Publish (or, with an empty ``reason``, clear) why a withdrawn record was withdrawn, shown at its old
    address; a publisher's act. The withdrawal's own comment stays internal: it may name people or drafts."""
    if not can(actor, Perm.DOCUMENT_PUBLISH, document.organisation):
        raise PermissionDenied(
            gettext("您没有该机构的相应权限"),
            detail="Not allowed in this organisation",
            code="documents.forbidden",
        )
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Status.WITHDRAWN:
        raise ValidationFailed(
            gettext("只有已撤回的信息才能填写撤回说明"),
            detail="Only a withdrawn record has a withdrawal reason",
            code="documents.not_withdrawn",
        )
    reason = reason.strip()
    if len(reason) > WITHDRAWAL_REASON_MAX:
        raise ValidationFailed(
            gettext("撤回说明不能超过 %(max)d 个字") % {"max": WITHDRAWAL_REASON_MAX},
            detail="Withdrawal reason too long",
            code="documents.reason_too_long",
            field="reason",
        )
    extra = dict(document.extra or {})
    if reason:
        extra[WITHDRAWAL_REASON_KEY] = reason
    else:
        extra.pop(WITHDRAWAL_REASON_KEY, None)
    document.extra = extra
    document.save(update_fields=["extra", "updated_at"])
    record_audit(document, action="document.withdrawal_reason", actor=actor, data={"reason": reason})
    pagecache.content_changed(organisations=[document.organisation])
    return document


def catalog_item_saved(*, item: CatalogItem, actor: AbstractBaseUser | None, created: bool) -> None:
    """Record that a catalogue entry was created or changed (its creation date tells staff how long an empty
    column has been empty) and refresh the pages that show it. Call in the transaction that saved it."""
    record_audit(
        item,
        action="catalog_item.create" if created else "catalog_item.update",
        actor=actor,
        data={"organisation": item.organisation_id, "name": item.name},
    )
    pagecache.content_changed(organisations=[item.organisation])


def catalog_item_deleted(*, item: CatalogItem, actor: AbstractBaseUser | None) -> None:
    """Record the removal of a catalogue entry and refresh the pages that showed it."""
    record_audit(
        item,
        action="catalog_item.delete",
        actor=actor,
        data={"organisation": item.organisation_id, "name": item.name},
    )
    pagecache.content_changed(organisations=[item.organisation])
