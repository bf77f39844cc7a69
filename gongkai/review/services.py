"""Review services: the de-identification entry point (who may use it: ``orgs.scope.require_review_tools``).

Work-plan task 26 (去标识化 before publication); SPEC-regulations §5 for the identifier rules.
"""

from __future__ import annotations

import logging
import time

from gongkai.core.errors import ValidationFailed
from gongkai.review.deidentify import DeidentifyResult, deidentify, validate_masking

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
