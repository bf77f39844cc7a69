"""Policy interpretations (政策解读) published and withdrawn with their machine enter the publication log, and
``gongkai verify`` checks their body and image (issue 12)."""

import json

import pytest

from gongkai.documents import services as documents_services
from gongkai.documents import workflow
from gongkai.documents.models import Interpretation, InterpretationForm, InterpretationStatus
from gongkai.documents.tests.factories import InterpretationFactory
from gongkai.publog import canonical, services
from gongkai.publog.models import Action, Entry
from gongkai.publog.tests.conftest import PNG
from gongkai.publog.verify import log_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def graphic(publish, education, editor_in_dept, reviewer_in_dept, publisher_in_dept):
    """A graphic interpretation (图解) of a public record, walked to publication by its machine."""
    doc = publish(title="关于调整义务教育学位的通知")
    item = documents_services.interpretation_create(
        organisation=education,
        actor=editor_in_dept,
        title="图解：义务教育学位调整",
        documents=[doc],
        form=InterpretationForm.GRAPHIC,
        body="一图读懂学位调整。",
        image=PNG,
    )
    workflow.interpretation_machine.apply(item, "submit", actor=editor_in_dept)
    workflow.interpretation_machine.apply(item, "approve", actor=reviewer_in_dept)
    workflow.interpretation_machine.apply(item, "publish", actor=publisher_in_dept)
    item.refresh_from_db()
    return item


def test_publishing_an_interpretation_appends_its_entry_with_body_and_image_hashes(graphic):
    entry = Entry.objects.get(interpretation=graphic)

    assert (entry.document_id, entry.version, entry.action) == (None, 1, Action.PUBLISH)
    assert entry.body_sha256 == canonical.sha256_hex(canonical.interpretation_body_bytes(graphic))
    value = json.loads(bytes(entry.data))
    assert value["interpretation"] == graphic.pk
    assert "record" not in value
    assert [(f.attachment_id, f.sha256) for f in entry.files.all()] == [(0, canonical.sha256_hex(PNG))]


def test_withdrawing_an_interpretation_appends_a_withdraw_entry_and_verifies(graphic, publisher_in_dept):
    workflow.interpretation_machine.apply(graphic, "withdraw", actor=publisher_in_dept, comment="内容有误")
    services.tree_head_sign()

    assert list(Entry.objects.filter(interpretation=graphic).values_list("version", "action")) == [
        (1, Action.PUBLISH),
        (2, Action.WITHDRAW),
    ]
    report = log_verify()
    assert report.ok, report.broken
    assert report.interpretations == 1


def test_a_published_interpretation_verifies(graphic):
    services.tree_head_sign()

    report = log_verify()

    assert report.ok, report.broken
    assert (report.records, report.interpretations) == (1, 1)


def test_a_silently_changed_interpretation_body_is_named(graphic):
    Interpretation.objects.filter(pk=graphic.pk).update(body_html="<p>悄悄改过的解读。</p>")

    report = log_verify()

    assert report.broken.interpretation == graphic.pk
    assert f"解读 {graphic.pk}" in str(report.broken)
    assert "正文" in report.broken.message


def test_a_changed_interpretation_image_is_named(graphic):
    with open(graphic.image.path, "r+b") as handle:
        handle.seek(20)
        handle.write(b"\xff")

    report = log_verify()

    assert report.broken.interpretation == graphic.pk
    assert "图片" in report.broken.message


def test_an_interpretation_published_outside_the_workflow_breaks_verify_until_adopted(publish, education):
    doc = publish()
    item = InterpretationFactory(
        organisation=education, documents=[doc], status=InterpretationStatus.PUBLISHED
    )

    assert log_verify().broken.interpretation == item.pk

    services.records_adopt()

    assert Entry.objects.get(interpretation=item).action == Action.IMPORT
    assert log_verify().ok


def test_the_interpretation_body_is_served_for_hashing(client, graphic):
    entry = Entry.objects.get(interpretation=graphic)

    response = client.get(f"/xxgk/gkjl/interpretations/{graphic.pk}/body.json")

    assert response.status_code == 200
    assert canonical.sha256_hex(response.content) == entry.body_sha256


def test_the_api_names_the_interpretation_of_an_entry(client, graphic):
    response = client.get("/api/v1/publog/entries?start=0&end=10")

    item = next(e for e in response.json() if e["interpretation"] == graphic.pk)
    assert item["record"] is None
    assert item["body_url"].endswith(f"/xxgk/gkjl/interpretations/{graphic.pk}/body.json")


def test_pasted_interpretation_url_matches_its_version(client, graphic):
    page = client.post("/xxgk/gkjl/", {"url": f"http://testserver/xxgk/jd/{graphic.pk}/"}).content.decode()

    assert "与公开记录一致：这是第 1 版" in page
    assert graphic.title in page


def test_pasted_interpretation_image_url_matches(client, graphic):
    url = f"http://testserver/xxgk/jd/{graphic.pk}/image/"

    page = client.post("/xxgk/gkjl/", {"url": url}).content.decode()

    assert "与公开记录一致" in page


def test_pasted_url_of_a_silently_changed_interpretation_does_not_match(client, graphic):
    Interpretation.objects.filter(pk=graphic.pk).update(body_html="<p>悄悄改过的解读。</p>")

    page = client.post("/xxgk/gkjl/", {"url": f"http://testserver/xxgk/jd/{graphic.pk}/"}).content.decode()

    assert "与公开记录不一致" in page
