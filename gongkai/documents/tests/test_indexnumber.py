"""索引号 generation: a number another record already holds is a clear conflict, never a server error."""

import datetime as dt

import pytest

from gongkai.core.errors import Conflict, ValidationFailed
from gongkai.documents.indexnumber import format_index_number, index_number_conflicts
from gongkai.documents.services import DocumentData, document_create
from gongkai.documents.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_record_creation_with_a_taken_index_number_is_a_conflict(education, finance, editor_in_dept):
    # A record of another organisation already holds education's next number (a pattern set before
    # patterns were checked, or an import).
    DocumentFactory(organisation=finance, index_number=f"{education.code}/2026-00001")
    with pytest.raises(Conflict, match=r"索引号 .* 已被占用") as exc:
        document_create(
            organisation=education,
            actor=editor_in_dept,
            data=DocumentData(title="关于做好招生工作的通知", body="正文", written_on=dt.date(2026, 3, 2)),
        )
    assert exc.value.code == "documents.index_number_taken"


def test_stored_pattern_with_attribute_access_is_not_formatted():
    with pytest.raises(ValidationFailed, match="索引号规则"):
        format_index_number("{code.__class__.__mro__}/{serial}", code="X", on=dt.date(2026, 3, 2), serial=1)


def test_stored_pattern_truncating_the_serial_is_not_formatted():
    with pytest.raises(ValidationFailed, match="索引号规则"):
        format_index_number("X/{year}-00010{serial!s:.0}", code="X", on=dt.date(2026, 3, 2), serial=1)


def test_concurrent_save_of_a_taken_number_is_a_conflict(education, finance):
    # The same number saved by two records at once: the unique constraint answers, as a conflict.
    DocumentFactory(organisation=finance, index_number=f"{education.code}/2026-00001")
    with (
        pytest.raises(Conflict, match="已被占用") as exc,
        index_number_conflicts(f"{education.code}/2026-00001"),
    ):
        DocumentFactory(organisation=education, index_number=f"{education.code}/2026-00001")
    assert exc.value.code == "documents.index_number_taken"
