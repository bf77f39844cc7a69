"""The portal home page: latest records, interpretations and notices, and the way into each section."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.documents.selectors import document_list_public, interpretation_list_public, notice_list_public

HOME_DOCUMENTS = 10
HOME_INTERPRETATIONS = 6
HOME_NOTICES = 8


def home(request: HttpRequest) -> HttpResponse:
    """首页: a constant number of queries whatever the number of records (sliced, select_related)."""
    return render(
        request,
        "portal/home.html",
        {
            "section": "home",
            "documents": list(document_list_public()[:HOME_DOCUMENTS]),
            "interpretations": list(interpretation_list_public()[:HOME_INTERPRETATIONS]),
            "notices": list(notice_list_public()[:HOME_NOTICES]),
        },
    )
