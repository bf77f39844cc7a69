"""``gongkai verify`` passes a sound log and names the record at the first break (issue 12, Done means)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.documents.models import Attachment, Document
from gongkai.publog import services
from gongkai.publog.models import Entry
from gongkai.publog.tests.conftest import GIF, PNG
from gongkai.publog.verify import log_verify

pytestmark = pytest.mark.django_db


def _lift_triggers(table: str) -> None:
    """What someone with direct database access could do; the test's transaction restores the triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER {table}_no_update")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending deferred checks
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")


@pytest.fixture
def logged(publish, revise):
    """Three records, one revised with a second attachment, and a signed head."""
    first = publish(title="第一号通知", attachments={"名单.png": PNG})
    second = publish(title="第二号通知")
    revise(second, title="第二号通知（修订）", attachments={"补充.gif": GIF})
    third = publish(title="第三号通知")
    services.tree_head_sign()
    return first, second, third


def test_a_sound_log_verifies(logged):
    report = log_verify()

    assert report.ok, report.broken
    assert (report.entries, report.heads, report.records, report.files) == (4, 1, 3, 2)


def test_a_rewritten_entry_is_named(logged):
    _first, second, _third = logged
    entry = Entry.objects.get(document=second, version=1)
    value = json.loads(bytes(entry.data))
    value["body_sha256"] = "0" * 64
    forged = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    _lift_triggers("publog_entry")
    Entry.objects.filter(pk=entry.pk).update(data=forged, body_sha256="0" * 64)

    report = log_verify()

    assert not report.ok
    assert report.broken.record == second.pk
    assert f"记录 {second.pk}" in str(report.broken)


def test_a_changed_published_body_is_named(logged):
    _first, _second, third = logged
    Document.objects.filter(pk=third.pk).update(body_html="<p>悄悄改过的正文。</p>")

    report = log_verify()

    assert report.broken.record == third.pk
    assert "正文" in report.broken.message


def test_a_changed_attachment_file_is_named(logged):
    first, _second, _third = logged
    attachment = Attachment.objects.get(document=first)
    with open(attachment.file.path, "r+b") as handle:
        handle.seek(20)
        handle.write(b"\xff")

    report = log_verify()

    assert report.broken.record == first.pk
    assert "名单.png" in report.broken.message


def test_a_record_made_public_again_after_its_withdrawal_is_named(logged, publisher_in_dept):
    from gongkai.documents import workflow

    first, _second, _third = logged
    workflow.apply(first, "withdraw", actor=publisher_in_dept, comment="内容有误")
    assert log_verify().ok
    Document.objects.filter(pk=first.pk).update(status="published")

    assert log_verify().broken.record == first.pk


def test_a_head_signed_by_another_key_breaks(logged):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    report = log_verify(public_key=Ed25519PrivateKey.generate().public_key())

    assert "签名无效" in str(report.broken)


def test_a_public_record_missing_from_the_log_is_named(logged, education):
    from gongkai.documents.tests.factories import DocumentFactory

    outside = DocumentFactory(organisation=education)

    assert log_verify().broken.record == outside.pk


def test_command_exits_non_zero_naming_the_record(logged, capsys):
    _first, _second, third = logged
    Document.objects.filter(pk=third.pk).update(title="另一个标题")

    with pytest.raises(SystemExit) as exit_info:
        call_command("verify")

    assert exit_info.value.code == 1
    assert f"记录 {third.pk}" in capsys.readouterr().err


def test_command_reports_a_sound_log(logged, capsys):
    call_command("verify")

    assert "公开记录完好：4 条记录、1 个签名树头" in capsys.readouterr().out
