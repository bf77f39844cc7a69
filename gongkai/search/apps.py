from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"

    def ready(self) -> None:
        from gongkai.search import backoffice, sources

        sources.register()
        backoffice.register()
