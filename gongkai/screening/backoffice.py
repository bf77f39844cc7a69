"""What screening adds to the back office: the reviewer's screen under ``/staff/documents/<pk>/screening/``."""

from gongkai.core import backoffice


def register() -> None:
    """Called from ``ScreeningConfig.ready()``."""
    backoffice.urls_register("gongkai.screening.staff_urls.urlpatterns")
