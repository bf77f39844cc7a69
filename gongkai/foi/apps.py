from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.foi import backoffice, clocks  # noqa: F401  (clocks: declares the kinds)

        backoffice.register()
        from gongkai.foi import annual_backoffice

        annual_backoffice.register()
        from gongkai.foi import search

        search.register()  # published replies in the site search
