from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "gongkai.concerns"
    label = "concerns"

    def ready(self) -> None:
        from gongkai.concerns import backoffice, clocks  # noqa: F401  (clock kinds register on import)

        backoffice.register()
