"""A city with two departments, the openness office supervising the whole tree, and each department's publisher."""

import datetime

import pytest
from django.utils import timezone

from gongkai.concerns import services
from gongkai.concerns.models import Severity, Source
from gongkai.orgs.models import OrgKind
from gongkai.orgs.tests.factories import OrganisationFactory, staff_in


@pytest.fixture
def city(db):
    return OrganisationFactory(name="沈阳市人民政府", kind=OrgKind.CITY)


@pytest.fixture
def health(city):
    return OrganisationFactory(name="市卫生健康委", parent=city)


@pytest.fixture
def housing(city):
    return OrganisationFactory(name="市住房城乡建设局", parent=city)


@pytest.fixture
def office(city):
    """The openness office: 督办 over the whole city."""
    return staff_in(city, "supervisor", subunits=True)


@pytest.fixture
def health_publisher(health):
    return staff_in(health, "publisher")


@pytest.fixture
def housing_publisher(housing):
    return staff_in(housing, "publisher")


@pytest.fixture
def register(office, health):
    def make(**overrides):
        values = {
            "actor": office,
            "organisation": health,
            "title": "网传某医院停诊",
            "summary": "多家网络媒体转载某医院将全面停诊的消息，引发市民关注。",
            "source": Source.ONLINE,
            "first_seen_at": timezone.now() - datetime.timedelta(hours=1),
            "severity": Severity.GENERAL,
        } | overrides
        return services.concern_register(**values)

    return make
