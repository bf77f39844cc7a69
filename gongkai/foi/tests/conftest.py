"""Personas for information-disclosure applications: handlers in a department, its sibling, the city office."""

import pytest


@pytest.fixture
def handler_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "foi_handler", username="edu-foi")


@pytest.fixture
def head_in_dept(education):
    """The head of the department's openness office, who approves extensions (R1.9)."""
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "admin", username="edu-head")


@pytest.fixture
def handler_in_sibling(finance):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(finance, "foi_handler", username="fin-foi")


@pytest.fixture
def handler_in_city_office(city):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(city, "foi_handler", subunits=True, username="city-foi")
