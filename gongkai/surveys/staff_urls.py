"""Survey pages in the back office, mounted under ``/staff/`` in the ``staff`` namespace."""

from django.urls import path

from gongkai.surveys import staff_views as views

urlpatterns = [
    path("surveys/", views.survey_list, name="surveys"),
    path("surveys/new/", views.survey_new, name="survey_new"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/", views.question_add, name="survey_question_add"),
    path(
        "surveys/<int:pk>/questions/<int:number>/remove/",
        views.question_remove,
        name="survey_question_remove",
    ),
    path("surveys/<int:pk>/invitations/", views.invitations, name="survey_invitations"),
    path("surveys/<int:pk>/<slug:action>/", views.survey_move, name="survey_move"),
]
