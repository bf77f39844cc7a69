from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "gongkai.screening"
    label = "screening"
    verbose_name = "发布前筛查"

    def ready(self) -> None:
        from gongkai.screening import backoffice, gates

        gates.subscribe()
        backoffice.register()
