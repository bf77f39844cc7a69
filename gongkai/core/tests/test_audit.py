"""``core.audit``: one event per act, or many in one bulk insert, normalised the same way."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from gongkai.core.audit import AuditEntry, record_audit, record_audit_many
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Organisation


def test_many_events_are_written_with_one_insert(city, education, django_assert_num_queries):
    ContentType.objects.clear_cache()
    entries = [AuditEntry(target=org, action="organisation.check") for org in (city, education)]

    with django_assert_num_queries(2):  # the content type once, then the insert
        record_audit_many(entries)

    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == sorted(
        [str(city.pk), str(education.pk)]
    )


def test_many_events_are_normalised_like_one(city):
    data = {"on": datetime.date(2027, 2, 5)}
    one = record_audit(city, action="organisation.check", actor=AnonymousUser(), data=data)

    (many,) = record_audit_many(
        [AuditEntry(target=city, action="organisation.check", actor=AnonymousUser(), data=data)]
    )

    many.refresh_from_db()
    assert (many.actor, many.data, many.content_type) == (one.actor, one.data, one.content_type)
    assert many.data == {"on": "2027-02-05"}
    assert many.actor is None


def test_an_unsaved_target_is_refused(db):
    with pytest.raises(ValueError, match="needs a saved target"):
        record_audit_many([AuditEntry(target=Organisation(name="未保存"), action="organisation.check")])
