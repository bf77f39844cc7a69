from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"

    def ready(self) -> None:
        from gongkai.orgs import backoffice

        backoffice.register()
