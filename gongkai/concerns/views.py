"""The public 回应关切 column: responses to public concerns, as published by the responsible organisations."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.concerns import selectors


def concern_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.public_concerns(), 20).get_page(request.GET.get("page"))
    return render(request, "concerns/list.html", {"page": page})


def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = selectors.public_concerns().filter(pk=pk).first()
    if concern is None:
        raise Http404
    return render(
        request, "concerns/detail.html", {"concern": concern, "obligations": selectors.obligations(concern)}
    )
