from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "gongkai.hotline"
    label = "hotline"
    verbose_name = "12345 热线"

    def ready(self) -> None:
        from gongkai.hotline import backoffice, clocks, search  # noqa: F401  (clocks declares the clock kinds)

        backoffice.register()
        backoffice.register_staff_tools()
        search.register()  # published 知识库 answers in the site search
