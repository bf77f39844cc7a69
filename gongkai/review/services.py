"""Review services: the de-identification entry point (who may use it: ``orgs.scope.require_review_tools``).

Work-plan task 26 (去标识化 before publication); SPEC-regulations §5 for the identifier rules.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.review.confidentiality import MAX_TERM_LENGTH
from gongkai.review.deidentify import DeidentifyResult, deidentify, validate_masking
from gongkai.review.models import ConfidentialityTerm

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2 * 1024 * 1024
# The request body that carries ``MAX_TEXT_CHARS`` however JSON spells them (``\\uXXXX`` is 6 bytes a
# character), plus room for the masking settings: above the site-wide ``DATA_UPLOAD_MAX_MEMORY_SIZE``,
# which Chinese text would otherwise hit first.
MAX_REQUEST_BYTES = MAX_TEXT_CHARS * 6 + 64 * 1024


def text_deidentify(*, text: str, masking: dict | None = None) -> DeidentifyResult:
    """Mask personal data in ``text`` (at most ``MAX_TEXT_CHARS`` characters); logs sizes, never text."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationFailed(
            "文本过长，请分段提交（每段不超过 2M 字符）",
            detail=f"Text is too long: at most {MAX_TEXT_CHARS} characters per request",
            code="review.text_too_long",
            fields={"text": f"at most {MAX_TEXT_CHARS} characters"},
        )
    if masking is not None:
        errors = validate_masking(masking)
        if errors:
            raise ValidationFailed(
                "脱敏设置有误",
                detail="Invalid masking settings: " + "; ".join(f"{k} {v}" for k, v in errors.items()),
                code="review.invalid_masking",
                fields=errors,
            )
    started = time.perf_counter()
    result = deidentify(text, masking=masking)
    logger.debug(
        "deidentified %d chars, %d findings in %.1f ms",
        len(text),
        len(result.findings),
        (time.perf_counter() - started) * 1000,
    )
    return result


# --- 保密审查词: the administrator's confidentiality terms ---------------------------------------------------


def _require_admin(actor: AbstractBaseUser) -> None:
    if not (actor.is_authenticated and actor.is_active and actor.is_superuser):
        raise PermissionDenied(
            gettext("只有系统管理员可以维护保密审查词"),
            detail="Only an administrator may edit the confidentiality terms",
            code="review.forbidden",
        )


def confidentiality_term_add(*, actor: AbstractBaseUser, term: str, note: str = "") -> ConfidentialityTerm:
    """Add a term the confidentiality screen flags wherever it occurs; audited."""
    _require_admin(actor)
    term, note = " ".join(term.split()), " ".join(note.split())
    if not 2 <= len(term) <= MAX_TERM_LENGTH:
        raise ValidationFailed(
            gettext("请填写2至%(max)d个字符的词语") % {"max": MAX_TERM_LENGTH},
            detail=f"A term must be 2-{MAX_TERM_LENGTH} characters",
            code="review.bad_term",
            field="term",
        )
    if len(note) > 200:
        raise ValidationFailed(
            gettext("说明不能超过200个字符"), detail="Note too long", code="review.bad_note", field="note"
        )
    with transaction.atomic():
        if ConfidentialityTerm.objects.select_for_update().filter(term=term).exists():
            raise ValidationFailed(
                gettext("该词语已存在"),
                detail="Term already exists",
                code="review.duplicate_term",
                field="term",
            )
        created = ConfidentialityTerm.objects.create(term=term, note=note, created_by=actor)
        record_audit(created, action="review.term_add", actor=actor)
    return created


def confidentiality_term_set_active(
    *, actor: AbstractBaseUser, term: ConfidentialityTerm, active: bool
) -> ConfidentialityTerm:
    """Switch a term on or off (terms are kept, so past screenings stay explainable); audited."""
    _require_admin(actor)
    with transaction.atomic():
        locked = ConfidentialityTerm.objects.select_for_update().get(pk=term.pk)
        if locked.active != active:
            locked.active = active
            locked.save(update_fields=["active"])
            record_audit(
                locked, action="review.term_enable" if active else "review.term_disable", actor=actor
            )
    return locked
