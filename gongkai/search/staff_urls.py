"""Staff search pages, mounted under ``/staff/`` in the ``staff`` namespace by ``search/backoffice.py``."""

from django.urls import path

from gongkai.search import staff_views as views

urlpatterns = [
    path("search/", views.staff_search, name="search"),
    path("search/terms/", views.terms, name="search_terms"),
    path("search/terms/<int:pk>/delete/", views.term_remove, name="search_term_delete"),
]
