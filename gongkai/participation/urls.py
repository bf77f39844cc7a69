"""The public column 意见征集."""

from django.urls import path

from gongkai.participation import views

app_name = "participation"

urlpatterns = [
    path("participation/consultations/", views.consultation_list, name="consultations"),
    path("participation/consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("participation/consultations/<int:pk>/code/", views.code_request, name="code"),
    path("participation/consultations/<int:pk>/comment/", views.comment_submit, name="comment"),
    path("participation/consultations/<int:pk>/report/", views.consultation_report, name="report"),
    path("participation/proposals/", views.proposal_list, name="proposals"),
    path("participation/proposals/<int:pk>/", views.proposal_detail, name="proposal"),
]
