"""``/api/v1/review``: review tools for staff — de-identification of a text before publication."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view
from ninja.security import django_auth

from gongkai.core.edge import body_limit
from gongkai.orgs.scope import require_review_tools
from gongkai.review.services import MAX_REQUEST_BYTES, MAX_TEXT_CHARS, text_deidentify

router = Router(tags=["review"])


class DeidentifyIn(Schema):
    text: str = Field(
        ...,
        description=(
            f"Text to screen: at most {MAX_TEXT_CHARS:,} characters, in a request body of at most "
            f"{MAX_REQUEST_BYTES:,} bytes"
        ),
    )
    masking: dict | None = Field(
        None, description='Per-type masking overrides, e.g. {"person_name": {"style": "star"}}'
    )


class FindingOut(Schema):
    type: str
    start: int = Field(..., description="Offset into the submitted text")
    end: int
    text: str
    rule: str
    confidence: float


class DeidentifyOut(Schema):
    text: str
    findings: list[FindingOut]


@router.post("/deidentify", response=DeidentifyOut, auth=django_auth)
@decorate_view(body_limit(MAX_REQUEST_BYTES))
def deidentify_text(request: HttpRequest, payload: DeidentifyIn) -> dict:
    """Find and mask personal data (staff only); offsets index the submitted text."""
    require_review_tools(request.user)
    return text_deidentify(text=payload.text, masking=payload.masking).as_dict()
