"""Consultations in the site search: a published one is found by the public, a draft only by its staff."""

import datetime as dt

import pytest

from gongkai.participation import search, services
from gongkai.participation.tests.factories import make_draft
from gongkai.search.models import SearchEntry

JUNE_1 = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def registered():
    """Registered as the app's ``ready()`` leaves it, and left so: unregistering here took consultations out of the
    search for every test that ran after this module."""
    search.register()


def test_opening_a_consultation_indexes_it_as_public(
    education, publisher, django_capture_on_commit_callbacks
):
    consultation = make_draft(education, publisher, JUNE_1)
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_open(consultation, actor=publisher)
    entry = SearchEntry.objects.get(kind="consultation", object_id=consultation.pk)
    assert entry.public
    assert entry.title == consultation.title


def test_a_draft_is_indexed_as_not_public(education, publisher):
    from gongkai.search.services import index_object

    consultation = make_draft(education, publisher, JUNE_1)
    index_object("consultation", consultation.pk)
    assert not SearchEntry.objects.get(kind="consultation", object_id=consultation.pk).public
