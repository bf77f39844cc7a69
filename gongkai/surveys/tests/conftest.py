"""Personas for surveys: drafting staff in a department, its publisher, a sibling department's staff."""

import pytest


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


@pytest.fixture
def survey(education, publisher):
    from gongkai.surveys.tests.factories import make_survey

    return make_survey(education, publisher)


@pytest.fixture
def open_survey(survey, publisher):
    from gongkai.surveys import services

    services.survey_open(survey, actor=publisher)
    return survey
