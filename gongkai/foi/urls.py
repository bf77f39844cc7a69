"""The applicant's pages under ``/foi/``."""

from django.urls import path

from gongkai.foi import views

app_name = "foi"

urlpatterns = [
    path("foi/apply/", views.apply, name="apply"),
    path("foi/guide/<str:code>/", views.guide, name="guide"),
    path("foi/receipt/", views.receipt, name="receipt"),
    path("foi/status/", views.lookup, name="lookup"),
    path("foi/status/<str:tracking_number>/", views.status, name="status"),
    path("foi/status/<str:tracking_number>/supplement/", views.supplement, name="supplement"),
    path("foi/status/<str:tracking_number>/withdraw/", views.withdraw, name="withdraw"),
    path("foi/status/<str:tracking_number>/letter.docx", views.letter, name="letter"),
    path("foi/replies/<int:pk>/", views.published_reply, name="published_reply"),
    path("foi/status/<str:tracking_number>/letter.pdf", views.letter_pdf, name="letter_pdf"),
]

# The organisation's public FOI page and its published annual reports (``foi.public_views``).
from gongkai.foi import public_views  # noqa: E402

urlpatterns += [
    path("foi/org/<str:code>/", public_views.organisation, name="organisation"),
    path("foi/reports/<str:code>/<int:year>/<slug:scope>/", public_views.report, name="annual_report"),
    path(
        "foi/reports/<str:code>/<int:year>/<slug:scope>/report.<slug:fmt>",
        public_views.report_download,
        name="annual_report_download",
    ),
]
