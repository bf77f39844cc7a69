from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "gongkai.surveys"
    label = "surveys"
    verbose_name = "网上民意调查"

    def ready(self) -> None:
        from gongkai.surveys import backoffice, search

        backoffice.register()
        search.register()  # published results in the site search
