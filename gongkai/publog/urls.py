"""Public URLs of the publication log (公开记录): the check page, record bodies, the public key."""

from django.urls import path

from gongkai.documents import urls as _documents_urls  # noqa: F401  (registers the ``id`` converter)
from gongkai.publog import views

app_name = "publog"
urlpatterns = [
    path("xxgk/gkjl/", views.check, name="check"),
    path("xxgk/gkjl/documents/<id:pk>/body.json", views.body, name="body"),
    path(
        "xxgk/gkjl/interpretations/<id:pk>/body.json", views.interpretation_body, name="interpretation_body"
    ),
    path(".well-known/gongkai-publication-key", views.public_key, name="public_key"),
]
