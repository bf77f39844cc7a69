from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"

    def ready(self) -> None:
        from gongkai.core import backoffice

        backoffice.register()
