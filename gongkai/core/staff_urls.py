"""``/staff/``: the dashboard and the staff pages the apps registered, all in the ``staff`` namespace."""

from django.urls import path

from gongkai.core import backoffice, staff_views

app_name = "staff"
urlpatterns = [
    path("", staff_views.dashboard, name="dashboard"),
    *backoffice.urlpatterns(),
]
