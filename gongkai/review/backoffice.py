"""The review app's back-office entry: the administrator's confidentiality terms (保密审查词)."""

from django.utils.translation import gettext_lazy

from gongkai.core import backoffice


def register() -> None:
    backoffice.urls_register("gongkai.review.staff_urls.urlpatterns")
    backoffice.nav_register(
        label=gettext_lazy("保密审查词"),
        url_name="staff:review_terms",
        order=901,
        visible=lambda user: user.is_superuser,
    )
