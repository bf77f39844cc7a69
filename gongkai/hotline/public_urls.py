"""The citizen's pages under ``/hotline/`` (``gongkai/urls.py``)."""

from django.urls import path, re_path

from gongkai.hotline import photo_views, public_views

app_name = "hotline_public"

urlpatterns = [
    path("", public_views.submit, name="submit"),
    path("receipt/", public_views.receipt, name="receipt"),
    path("status/", public_views.lookup, name="lookup"),
    path("status/<str:number>/", public_views.status, name="status"),
    path("status/<str:number>/rate/", public_views.rate, name="rate"),
    path("status/<str:number>/photos/<int:pk>/", public_views.photo, name="photo"),
    path("requests/", public_views.public_list, name="list"),
    path("map/", public_views.public_map, name="map"),
    path("map/points.geojson", public_views.public_geojson, name="geojson"),
    path("knowledge/<int:pk>/", public_views.knowledge_entry, name="knowledge"),
    re_path(
        r"^photos/(?P<token>[0-9a-f]{32})\.(?P<ext>jpg|png)$", photo_views.public_photo, name="public_photo"
    ),
]
