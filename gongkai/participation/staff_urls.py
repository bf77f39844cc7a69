"""The staff pages of 意见征集, mounted under ``/staff/`` in the ``staff`` namespace by ``participation/backoffice.py``."""

from django.urls import path

from gongkai.participation import staff_proposals
from gongkai.participation import staff_views as views

urlpatterns = [
    path("participation/proposals/", staff_proposals.proposal_list, name="proposals"),
    path("participation/proposals/new/", staff_proposals.proposal_new, name="proposal_new"),
    path("participation/proposals/<int:pk>/", staff_proposals.proposal_detail, name="proposal"),
    path(
        "participation/proposals/<int:pk>/<slug:step>/", staff_proposals.proposal_step, name="proposal_step"
    ),
    path("participation/consultations/", views.consultation_list, name="consultations"),
    path("participation/consultations/new/", views.consultation_new, name="consultation_new"),
    path("participation/consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("participation/consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path(
        "participation/consultations/<int:pk>/responses/", views.response_record, name="consultation_response"
    ),
    path("participation/consultations/<int:pk>/adopted/", views.adopted_text, name="consultation_adopted"),
    path("participation/consultations/<int:pk>/link/", views.link_document, name="consultation_link"),
    path(
        "participation/consultations/<int:pk>/comments.xlsx",
        views.comments_export,
        name="consultation_export",
    ),
    path(
        "participation/consultations/<int:pk>/comments/<int:comment_pk>/<slug:decision>/",
        views.comment_moderate,
        name="consultation_moderate",
    ),
    path(
        "participation/consultations/<int:pk>/<slug:action>/",
        views.consultation_move,
        name="consultation_move",
    ),
]
