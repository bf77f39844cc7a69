from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    label = "review"

    def ready(self) -> None:
        from gongkai.review import backoffice

        backoffice.register()
