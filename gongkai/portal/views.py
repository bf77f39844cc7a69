"""The portal home page: latest records, interpretations and notices, and the way into each section."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.documents.selectors import NOTICE_KINDS, document_latest_public, interpretation_list_public

HOME_DOCUMENTS = 10
HOME_INTERPRETATIONS = 6
HOME_NOTICES = 8


def home(request: HttpRequest) -> HttpResponse:
    """首页: a constant number of queries whatever the number of records (ids first, then rows)."""
    return render(
        request,
        "portal/home.html",
        {
            "section": "home",
            "documents": document_latest_public(limit=HOME_DOCUMENTS, headlines=True),
            "interpretations": list(interpretation_list_public()[:HOME_INTERPRETATIONS]),
            "notices": document_latest_public(kinds=NOTICE_KINDS, limit=HOME_NOTICES, headlines=True),
        },
    )
