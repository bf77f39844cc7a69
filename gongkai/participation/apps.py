from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = "公众参与"

    def ready(self) -> None:
        from gongkai.participation import backoffice, clocks  # noqa: F401  (clocks: declares the kinds)

        backoffice.register()
        # Consultations in the site search (``participation/search.py``) are ready but not yet registered here:
        # registering changes the summary that ``search/tests/test_upkeep.py`` expects from ``reindex``; the merge
        # enables it with ``search.register()`` and that one expectation together.
