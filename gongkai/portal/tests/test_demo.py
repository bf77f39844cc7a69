"""Demo data: a fresh installation gets a working city, and loading it again changes nothing."""

import pytest

from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Organisation
from gongkai.portal.demo import DEMO_PASSWORD, demo_uscc, load_demo

pytestmark = pytest.mark.django_db


def test_loading_demo_twice_creates_nothing_new():
    load_demo()
    counts = (Organisation.objects.count(), Document.objects.count())
    assert load_demo().documents == 0
    assert (Organisation.objects.count(), Document.objects.count()) == counts


def test_demo_has_published_records_and_pending_ones_for_the_timer():
    load_demo()
    assert Document.objects.filter(status=Status.PUBLISHED).exists()
    assert Document.objects.filter(status__in=[Status.DRAFT, Status.SUBMITTED, Status.APPROVED]).exists()


def test_demo_editor_can_log_in(client):
    load_demo()
    response = client.post("/accounts/login/", {"username": "edu_editor", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_demo_codes_carry_a_valid_credit_code_check_character():
    from gongkai.core.identifiers import is_valid_uscc

    assert is_valid_uscc(demo_uscc("11", 100))
