"""Concern pages in the back office, mounted under ``/staff/`` in the ``staff`` namespace."""

from django.urls import path

from gongkai.concerns import staff_views as views

urlpatterns = [
    path("concerns/", views.concern_list, name="concern_list"),
    path("concerns/new/", views.concern_new, name="concern_new"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern_detail"),
    path("concerns/<int:pk>/info/", views.concern_info, name="concern_info"),
    path("concerns/<int:pk>/press/", views.concern_press, name="concern_press"),
    path("concerns/<int:pk>/respond/", views.concern_respond, name="concern_respond"),
    path("concerns/<int:pk>/dismiss/", views.concern_dismiss, name="concern_dismiss"),
    path("concerns/<int:pk>/reassign/", views.concern_reassign, name="concern_reassign"),
    path("concerns/<int:pk>/close/", views.concern_close, name="concern_close"),
]
