"""The reviewer's screen, mounted under ``/staff/`` in the ``staff`` namespace by ``screening/backoffice.py``."""

from django.urls import path

from gongkai.screening import views

urlpatterns = [
    path("documents/<int:pk>/screening/", views.screen, name="screening"),
    path("documents/<int:pk>/screening/restart/", views.restart, name="screening_restart"),
    path(
        "documents/<int:pk>/screening/findings/<int:finding_id>/decide/",
        views.decide,
        name="screening_decide",
    ),
    path(
        "documents/<int:pk>/screening/findings/<int:finding_id>/override/",
        views.override,
        name="screening_override",
    ),
    path(
        "documents/<int:pk>/screening/findings/<int:finding_id>/remove/",
        views.remove,
        name="screening_remove",
    ),
    path("documents/<int:pk>/screening/<int:screening_id>/add/", views.add, name="screening_add"),
]
