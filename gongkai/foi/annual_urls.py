"""The annual report's staff pages, mounted under ``/staff/`` in the ``staff`` namespace (``foi.annual_backoffice``)."""

from django.urls import path

from gongkai.foi import annual_views as views

urlpatterns = [
    path("foi/annual/", views.report_index, name="foi_annual"),
    path("foi/annual/<str:code>/<int:year>/<slug:scope>/", views.report_detail, name="foi_annual_report"),
    path(
        "foi/annual/<str:code>/<int:year>/<slug:scope>/report.<slug:fmt>",
        views.report_download,
        name="foi_annual_download",
    ),
    path(
        "foi/annual/<str:code>/<int:year>/<slug:scope>/publish/",
        views.report_publish,
        name="foi_annual_publish",
    ),
    path("foi/remedies/<int:pk>/", views.remedies, name="foi_remedies"),
    path(
        "foi/remedies/<int:pk>/<int:remedy_id>/conclude/", views.remedy_conclude, name="foi_remedy_conclude"
    ),
]
