"""The log's tables refuse UPDATE and DELETE in the database itself, whatever sends them (SQLite and PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from gongkai.publog import services
from gongkai.publog.models import Entry, PublishedFile, SignedTreeHead, TreeNode
from gongkai.publog.tests.conftest import PNG

pytestmark = pytest.mark.django_db


def _raw(sql: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture
def logged(publish):
    publish(attachments={"名单.png": PNG})
    services.tree_head_sign()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE publog_entry SET body_sha256 = 'forged'",
        "UPDATE publog_entry SET data = data",
        "UPDATE publog_publishedfile SET sha256 = 'forged'",
        "UPDATE publog_treenode SET level = level + 1",
        "UPDATE publog_signedtreehead SET root_hash = 'forged'",
    ],
)
def test_raw_sql_update_is_refused(logged, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(sql)


@pytest.mark.parametrize(
    "table", ["publog_entry", "publog_publishedfile", "publog_treenode", "publog_signedtreehead"]
)
def test_raw_sql_delete_is_refused(logged, table):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(f"DELETE FROM {table}")  # noqa: S608


def test_orm_update_and_delete_are_refused(logged):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Entry.objects.update(action="publish")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        SignedTreeHead.objects.all().delete()


def test_rows_survive_a_refused_change(logged):
    counts = (Entry.objects.count(), PublishedFile.objects.count(), TreeNode.objects.count())
    with pytest.raises(DatabaseError), transaction.atomic():
        PublishedFile.objects.all().delete()

    assert (Entry.objects.count(), PublishedFile.objects.count(), TreeNode.objects.count()) == counts


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'publog%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'publog%'")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_keeps_the_triggers(publish):
    before = _triggers()
    publish(attachments={"名单.png": PNG})

    call_command("flush", interactive=False, verbosity=0)

    assert not Entry.objects.exists()
    assert _triggers() == before
    assert len(before) == (8 if connection.vendor == "sqlite" else 4)
