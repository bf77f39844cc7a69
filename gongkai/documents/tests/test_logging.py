"""The logs of a full record workflow hold no personal data and no client address (STYLE: Logging).

Every logger is captured at DEBUG while a record whose body names a person, an ID-card number and a
phone number is created, submitted, approved, published and read by the public and through the API;
the de-identification engine's own findings on the captured text must be empty.
"""

import logging

import pytest

from gongkai.core.management.commands.serve import ACCESS_LOG_FORMAT
from gongkai.documents import workflow
from gongkai.documents.services import DocumentData, document_create
from gongkai.review.deidentify import deidentify
from gongkai.screening.models import Finding

pytestmark = pytest.mark.django_db

CLIENT_ADDRESS = "203.0.113.77"
BODY = "<p>申请人：张伟，身份证号110105199003071234，手机13812345678，请于三日内补正。</p>"
PERSONAL_TYPES = {"person_name", "id_card", "phone"}


@pytest.fixture
def all_logs_at_debug():
    """A handler on the root logger; every logger (including those set quieter) at DEBUG."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s %(args)s"))
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in logging.root.manager.loggerDict)]
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    yield records
    logging.getLogger().removeHandler(handler)
    for logger, level in levels.items():
        logger.setLevel(level)


def test_full_workflow_logs_no_personal_data_and_no_client_address(
    client, education, editor_in_dept, reviewer_in_dept, publisher_in_dept, all_logs_at_debug
):
    extra = {"REMOTE_ADDR": CLIENT_ADDRESS}
    doc = document_create(
        organisation=education,
        actor=editor_in_dept,
        data=DocumentData(title="关于补正申请材料的通知", body=BODY, kind="通知", summary="张伟 13812345678"),
    )
    workflow.apply(doc, "submit", actor=editor_in_dept)
    # The pre-publication screen found the personal data; the reviewer masks it on the screen (issue 12).
    client.force_login(reviewer_in_dept)
    assert client.get(f"/staff/documents/{doc.pk}/screening/", **extra).status_code == 200
    for finding in Finding.objects.filter(screening__document=doc):
        url = f"/staff/documents/{doc.pk}/screening/findings/{finding.pk}/decide/"
        assert client.post(url, {"decision": "accept"}, **extra).status_code == 302
    client.logout()
    workflow.apply(doc, "approve", actor=reviewer_in_dept)
    workflow.apply(doc, "publish", actor=publisher_in_dept)
    client.force_login(editor_in_dept)
    assert client.get(f"/staff/documents/{doc.pk}/", **extra).status_code == 200
    client.logout()
    assert client.get(doc.get_absolute_url(), **extra).status_code == 200
    assert client.get(f"/api/v1/documents/{doc.pk}", **extra).status_code == 200
    assert client.get("/api/v1/documents?q=张伟", **extra).status_code == 200
    client.post("/accounts/login/", {"username": "edu-editor", "password": "wrong"}, **extra)
    assert client.get("/api/v1/documents/999999", **extra).status_code == 404

    captured = "\n".join(all_logs_at_debug)
    assert captured  # the requests above did log (404, login), so the capture works
    assert CLIENT_ADDRESS not in captured
    for value in ("张伟", "110105199003071234", "13812345678"):
        assert value not in captured
    assert [f for f in deidentify(captured).findings if f.type in PERSONAL_TYPES] == []


def test_access_log_format_names_no_client_address():
    # gunicorn's %(h)s is the remote address; %({…}i)s a request header such as X-Forwarded-For.
    assert "%(h)s" not in ACCESS_LOG_FORMAT
    assert "}i)s" not in ACCESS_LOG_FORMAT


def test_access_log_format_leaves_out_the_query_string():
    # %(r)s is the whole request line and %(q)s the query string: ``?q=张伟`` would land in the log.
    assert "%(r)s" not in ACCESS_LOG_FORMAT
    assert "%(q)s" not in ACCESS_LOG_FORMAT
