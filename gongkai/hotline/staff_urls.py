"""The hotline's staff pages, mounted under ``/staff/`` in the ``staff`` namespace by ``hotline/backoffice.py``."""

from django.urls import path

from gongkai.hotline import photo_views
from gongkai.hotline import staff_views as views

urlpatterns = [
    path("hotline/", views.queue, name="hotline_queue"),
    path("hotline/<int:pk>/", views.ticket_detail, name="hotline_ticket"),
    path("hotline/<int:pk>/action/", views.ticket_action, name="hotline_ticket_action"),
    path("hotline/<int:pk>/photos/<int:photo_pk>/", photo_views.ticket_photo, name="hotline_ticket_photo"),
    path(
        "hotline/<int:pk>/photos/<int:photo_pk>/publish/",
        photo_views.ticket_photo_publish,
        name="hotline_ticket_photo_publish",
    ),
]

# HOTSTAFF: the agent's phone form, the knowledge base, dispatch tools and dashboards.
from gongkai.hotline import agent_views  # noqa: E402  (appended for an easy merge)

urlpatterns += [
    path("hotline/intake/", agent_views.intake, name="hotline_intake"),
    path("hotline/intake/suggest/", agent_views.intake_suggest, name="hotline_intake_suggest"),
    path("hotline/intake/<int:pk>/", agent_views.agent_ticket, name="hotline_agent_ticket"),
    path("hotline/intake/<int:pk>/act/", agent_views.agent_act, name="hotline_agent_act"),
    path("hotline/knowledge/", agent_views.knowledge_list, name="hotline_knowledge"),
    path("hotline/knowledge/new/", agent_views.knowledge_edit, name="hotline_knowledge_new"),
    path("hotline/knowledge/<int:pk>/", agent_views.knowledge_edit, name="hotline_knowledge_edit"),
    path("hotline/<int:pk>/handle/", views.ticket_handle, name="hotline_ticket_handle"),
    path("hotline/<int:pk>/handle/act/", views.ticket_handle_act, name="hotline_ticket_handle_act"),
    path("hotline/dashboard/", views.dashboard, name="hotline_dashboard"),
    path("hotline/dashboard.xlsx", views.dashboard_xlsx, name="hotline_dashboard_xlsx"),
]
urlpatterns += [path("hotline/rules/", agent_views.rules, name="hotline_rules")]
