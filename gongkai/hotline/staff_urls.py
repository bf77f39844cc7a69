"""The hotline's staff pages, mounted under ``/staff/`` in the ``staff`` namespace by ``hotline/backoffice.py``."""

from django.urls import path

from gongkai.hotline import photo_views
from gongkai.hotline import staff_views as views

urlpatterns = [
    path("hotline/", views.queue, name="hotline_queue"),
    path("hotline/<int:pk>/", views.ticket_detail, name="hotline_ticket"),
    path("hotline/<int:pk>/action/", views.ticket_action, name="hotline_ticket_action"),
    path("hotline/<int:pk>/photos/<int:photo_pk>/", photo_views.ticket_photo, name="hotline_ticket_photo"),
]
