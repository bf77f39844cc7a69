"""Open311 GeoReport v2 paths, mounted at ``/open311/v2/`` (``gongkai/urls.py``)."""

from django.urls import re_path

from gongkai.hotline import open311

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    re_path(rf"^services\.{FMT}$", open311.services_list, name="open311_services"),
    re_path(rf"^services/(?P<code>[-\w]+)\.{FMT}$", open311.service_definition, name="open311_service"),
    re_path(rf"^requests\.{FMT}$", open311.requests_view, name="open311_requests"),
    re_path(rf"^requests/(?P<request_id>\w+)\.{FMT}$", open311.request_detail, name="open311_request"),
    re_path(rf"^tokens/(?P<token>\w+)\.{FMT}$", open311.token_detail, name="open311_token"),
]
