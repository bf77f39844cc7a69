"""The participation API under ``/api/v1/participation/``: public consultations with their moderated comments,
and the citizen's confirmation code and comment (the same services as the pages)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from gongkai.core import ratelimit
from gongkai.participation import selectors, services

router = Router(tags=["participation"])


class ParagraphOut(Schema):
    number: int
    text: str


class CommentOut(Schema):
    id: int
    paragraph: int | None
    author_name: str
    text: str
    created_at: dt.datetime


class ConsultationOut(Schema):
    id: int
    title: str
    organisation: str
    status: str
    opens_on: dt.date
    closes_on: dt.date
    is_major_decision: bool
    url: str


class ConsultationDetailOut(ConsultationOut):
    drafting_note: str
    paragraphs: list[ParagraphOut]
    comments: list[CommentOut]


class CodeIn(Schema):
    channel: str
    address: str


class CodeOut(Schema):
    sent: bool


class CommentIn(Schema):
    body: str
    channel: str
    address: str
    code: str
    paragraph: int | None = None
    author_name: str = ""


class CommentCreatedOut(Schema):
    id: int
    status: str


def _out(c) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "organisation": c.organisation.name,
        "status": c.status,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "is_major_decision": c.is_major_decision,
        "url": c.get_absolute_url(),
    }


def _client_key(request: HttpRequest) -> str:
    return ratelimit.address_key(request)


@router.get("/consultations", response=list[ConsultationOut])
def consultation_list(request: HttpRequest):
    return [_out(c) for c in selectors.consultation_list_public()[:200]]


@router.get("/consultations/{pk}", response=ConsultationDetailOut)
def consultation_detail(request: HttpRequest, pk: int):
    consultation = selectors.consultation_get_public(pk)
    comments = selectors.comments_shown(consultation)
    return {
        **_out(consultation),
        "drafting_note": consultation.drafting_note,
        "paragraphs": [{"number": p.number, "text": p.text} for p in consultation.paragraphs.all()],
        "comments": [
            {
                "id": c.pk,
                "paragraph": c.paragraph.number if c.paragraph else None,
                "author_name": c.author_name,
                "text": c.shown_body,
                "created_at": c.created_at,
            }
            for c in comments
        ],
    }


@router.post("/consultations/{pk}/codes", response={201: CodeOut})
def code_request(request: HttpRequest, pk: int, payload: CodeIn):
    selectors.consultation_get_public(pk)
    services.confirmation_request(
        channel=payload.channel, address=payload.address, client_key=_client_key(request)
    )
    return 201, {"sent": True}


@router.post("/consultations/{pk}/comments", response={201: CommentCreatedOut})
def comment_submit(request: HttpRequest, pk: int, payload: CommentIn):
    consultation = selectors.consultation_get_public(pk)
    comment = services.comment_submit(
        consultation=consultation,
        data=services.CommentData(**payload.dict()),
        client_key=_client_key(request),
    )
    return 201, {"id": comment.pk, "status": comment.status}
