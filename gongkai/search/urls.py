"""The portal's search page."""

from django.urls import path

from gongkai.search import views

app_name = "search"
urlpatterns = [path("search/", views.results, name="results")]
