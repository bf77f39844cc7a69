from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    label = "documents"

    def ready(self) -> None:
        from gongkai.documents import backoffice, syndication

        backoffice.register()
        syndication.register()
