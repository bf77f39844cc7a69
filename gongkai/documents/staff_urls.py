"""The records' staff pages, mounted under ``/staff/`` in the ``staff`` namespace by ``documents/backoffice.py``."""

from django.urls import path

from gongkai.documents import staff_views as views
from gongkai.documents import staff_work as work

urlpatterns = [
    path("timer/", views.timer, name="timer"),
    path("queues/<slug:key>/", work.queue, name="queue"),
    path("documents/", work.records, name="records"),
    path("supervision/", work.supervision_view, name="supervision"),
    path("supervision/export.xlsx", work.supervision_export, name="supervision_export"),
    path("supervision/urge/<int:pk>/", work.supervision_urge, name="supervision_urge"),
    path("documents/new/", views.document_new, name="document_new"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/action/", views.document_action, name="document_action"),
    path("documents/<int:pk>/validity/", views.document_validity, name="document_validity"),
    path("documents/<int:pk>/preview/", views.document_preview_page, name="document_preview"),
    path("documents/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "documents/<int:pk>/attachments/<int:att_pk>/", views.attachment_download, name="attachment_download"
    ),
    path("documents/<int:pk>/interpretations/", views.interpretation_new, name="interpretation_new"),
    path("documents/<int:pk>/revision/action/", views.revision_action, name="revision_action"),
    path("interpretations/<int:pk>/", views.interpretation_detail, name="interpretation"),
    path("interpretations/<int:pk>/image/", views.interpretation_image, name="interpretation_image"),
    path("interpretations/<int:pk>/action/", views.interpretation_action, name="interpretation_action"),
]
