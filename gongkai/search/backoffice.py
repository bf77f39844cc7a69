"""The search app's back-office entries: staff search (drafts within scope) and the vocabulary page."""

from django.utils.translation import gettext_lazy

from gongkai.core import backoffice


def register() -> None:
    backoffice.urls_register("gongkai.search.staff_urls.urlpatterns")
    backoffice.nav_register(label=gettext_lazy("全文检索"), url_name="staff:search", order=40, section="")
    backoffice.nav_register(
        label=gettext_lazy("检索词典"),
        url_name="staff:search_terms",
        order=900,
        visible=lambda user: user.is_superuser,
    )
