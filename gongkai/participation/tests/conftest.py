"""Personas and a pinned date for public participation: drafting staff in a department, its publisher, and a
sibling department's staff. Participation reads the date only through ``period.today`` (pinned here)."""

import datetime as dt

import pytest

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """A mutable pinned date: ``today.set(date)`` moves it."""

    class Clock:
        value = TODAY

        def set(self, value: dt.date) -> None:
            self.value = value

        def __call__(self) -> dt.date:
            return self.value

    clock = Clock()
    monkeypatch.setattr("gongkai.participation.period.today", clock)
    return clock


@pytest.fixture
def drafter(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "editor", username="edu-drafter")


@pytest.fixture
def publisher(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "editor", "publisher", username="edu-pub")


@pytest.fixture
def sibling_staff(finance):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(finance, "editor", "reviewer", "publisher", username="fin-all")
