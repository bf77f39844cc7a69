"""``/api/v1/review``: review tools for staff — de-identification of a text before publication."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from gongkai.orgs.scope import require_review_tools
from gongkai.review.services import text_deidentify

router = Router(tags=["review"])


class DeidentifyIn(Schema):
    text: str = Field(..., description="Text to screen (at most 2,097,152 characters)")
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
def deidentify_text(request: HttpRequest, payload: DeidentifyIn) -> dict:
    """Find and mask personal data (staff only); offsets index the submitted text."""
    require_review_tools(request.user)
    return text_deidentify(text=payload.text, masking=payload.masking).as_dict()
