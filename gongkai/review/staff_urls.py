"""Review pages in the back office, mounted under ``/staff/`` in the ``staff`` namespace by ``review/backoffice.py``."""

from django.urls import path

from gongkai.review import staff_views as views

urlpatterns = [
    path("review/terms/", views.terms, name="review_terms"),
    path("review/terms/<int:pk>/active/", views.term_active, name="review_term_active"),
]
