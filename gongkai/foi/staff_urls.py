"""The handler's pages, mounted under ``/staff/`` in the ``staff`` namespace by ``foi/backoffice.py``."""

from django.urls import path

from gongkai.foi import staff_views as views

urlpatterns = [
    path("foi/", views.queue, name="foi_queue"),
    path("foi/register/", views.register, name="foi_register"),
    path("foi/<int:pk>/", views.detail, name="foi_application"),
    path("foi/<int:pk>/letter.docx", views.letter, name="foi_letter"),
    path("foi/<int:pk>/letter.pdf", views.letter_pdf, name="foi_letter_pdf"),
    path("foi/letters/", views.letter_templates, name="foi_letter_templates"),
    path("foi/letters/<slug:decision>/", views.letter_template_edit, name="foi_letter_template"),
    path("foi/<int:pk>/proactive/", views.proactive, name="foi_proactive"),
    path("foi/<int:pk>/publish/", views.publish, name="foi_publish"),
    path("foi/<int:pk>/unpublish/", views.unpublish, name="foi_unpublish"),
    path("foi/<int:pk>/<slug:action>/", views.step, name="foi_step"),
]
