from django.urls import path

from gongkai.concerns import views

app_name = "concerns"

urlpatterns = [
    path("xxgk/hygz/", views.concern_list, name="list"),
    path("xxgk/hygz/<int:pk>/", views.concern_detail, name="detail"),
]
