"""The back office's own page: the dashboard at ``/staff/``, made of the panels the apps registered."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core import backoffice


@backoffice.staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/dashboard.html", {"panels": backoffice.panels_for(request)})
