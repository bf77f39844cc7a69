"""The public column 网上民意调查."""

from django.urls import path

from gongkai.surveys import views

app_name = "surveys"

urlpatterns = [
    path("participation/surveys/", views.survey_list, name="list"),
    path("participation/surveys/<int:pk>/", views.survey_detail, name="detail"),
    path("participation/surveys/<int:pk>/code/", views.code_request, name="code"),
    path("participation/surveys/<int:pk>/respond/", views.respond, name="respond"),
    path("participation/surveys/<int:pk>/results/", views.survey_results, name="results"),
    path("participation/surveys/<int:pk>/responses.json", views.responses_json, name="responses_json"),
    path("participation/surveys/<int:pk>/responses.csv", views.responses_csv, name="responses_csv"),
]
