"""Hotline personas: the 12345 centre (under the city) with an agent and a dispatcher, a handler in the education
bureau and one in its sibling, the finance bureau."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

CENTRE_CODE = "11210100000000009H"
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(autouse=True)
def _fresh_ticket_numbers(request):
    """Each test numbers tickets from 000001: the per-day sequences (PostgreSQL) outlive a test's transaction, so
    they are dropped, on a connection of their own, before the test runs."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    from django.db import DEFAULT_DB_ALIAS, connection, connections

    from gongkai.hotline import numbering

    numbering._known_days.clear()
    if connection.vendor == "postgresql":
        request.getfixturevalue("django_db_setup")
        own = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            own.set_autocommit(True)
            with own.cursor() as cursor:
                cursor.execute(
                    "SELECT relname FROM pg_class WHERE relkind = 'S' AND relname ~ '^hotline_ticket_no_[0-9]{8}$'"
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f'DROP SEQUENCE IF EXISTS "{name}"')
        finally:
            own.close()
    yield


@pytest.fixture
def centre(city, settings):
    from gongkai.orgs.tests.factories import OrganisationFactory

    settings.HOTLINE_CENTRE_CODE = CENTRE_CODE
    return OrganisationFactory(code=CENTRE_CODE, name="沈阳市12345政务服务便民热线中心", parent=city)


@pytest.fixture
def agent_in_centre(centre):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(centre, "hotline_agent", username="centre-agent")


@pytest.fixture
def dispatcher_in_centre(centre):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(centre, "dispatcher", username="centre-dispatcher")


@pytest.fixture
def handler_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "hotline_agent", username="edu-handler")


@pytest.fixture
def handler_in_sibling(finance):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(finance, "hotline_agent", username="fin-handler")


@pytest.fixture
def category(education):
    from gongkai.hotline.tests.factories import CategoryFactory

    return CategoryFactory(code="streetlight", name="路灯损坏", default_organisation=education)


@pytest.fixture
def make_ticket(centre, category):
    """A ticket as a citizen submits it (contact included), received at ``at``."""
    from gongkai.hotline.services import TicketIn, ticket_create

    def make(*, at: datetime.datetime | None = None, **overrides):
        fields = {
            "category_code": category.code,
            "description": "和平区南京北街路灯不亮已经三天了",
            "address": "和平区南京北街100号",
            "lat": "41.796",
            "lon": "123.401",
            "requester_name": "张三",
            "requester_phone": "13812345678",
            "requester_email": "zhangsan@example.com",
            "consent_to_contact": True,
            **overrides,
        }
        ticket, _ = ticket_create(data=TicketIn(**fields), at=at or timezone.now())
        return ticket

    return make


@pytest.fixture
def dispatched(make_ticket, dispatcher_in_centre, education):
    """A ticket dispatched to the education bureau."""
    from gongkai.hotline.services import ticket_dispatch

    ticket = make_ticket()
    return ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
