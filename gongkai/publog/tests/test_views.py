"""The public check page (公开记录核验), a record's body download and the well-known public key."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import ratelimit
from gongkai.documents.models import Document
from gongkai.publog import keys
from gongkai.publog.tests.conftest import GIF, PNG

pytestmark = pytest.mark.django_db

URL = "/xxgk/gkjl/"


def _upload(client, data, name="下载.png"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_page_offers_both_ways_to_check(client):
    page = client.get(URL).content.decode()

    assert 'name="url"' in page
    assert 'type="file"' in page
    assert "/.well-known/gongkai-publication-key" in page


def test_pasted_record_url_matches_its_version(client, publish, revise):
    doc = revise(publish())

    response = client.post(URL, {"url": f"http://127.0.0.1:8000/xxgk/documents/{doc.pk}/"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "与公开记录一致：这是第 2 版" in page


def test_pasted_url_of_a_silently_changed_record_does_not_match(client, publish):
    doc = publish()
    Document.objects.filter(pk=doc.pk).update(body_html="<p>改过。</p>")

    page = client.post(URL, {"url": f"http://testserver/xxgk/documents/{doc.pk}/"}).content.decode()

    assert "与公开记录不一致" in page


def test_pasted_attachment_url_matches(client, publish):
    doc = publish(attachments={"名单.png": PNG})
    attachment = doc.attachments.get()

    page = client.post(
        URL, {"url": f"http://testserver/xxgk/documents/{doc.pk}/attachments/{attachment.pk}/"}
    )

    assert "与公开记录一致：这是第 1 版" in page.content.decode()


def test_uploaded_attachment_shows_when_and_in_which_version_it_was_published(client, publish, revise):
    doc = publish(attachments={"名单.png": PNG})
    revise(doc, attachments={"补充.gif": GIF})

    page = _upload(client, GIF, "补充.gif").content.decode()

    assert "该文件与公开记录中的内容一致" in page
    assert "第 2 版" in page
    assert "第 1 版" not in page
    assert "附件“补充.gif”" in page


def test_uploaded_body_download_matches(client, publish):
    doc = publish()
    body = client.get(f"/xxgk/gkjl/documents/{doc.pk}/body.json").content

    page = _upload(client, body, f"record-{doc.pk}.json").content.decode()

    assert "该文件与公开记录中的内容一致" in page
    assert "正文" in page


def test_uploaded_changed_file_does_not_match(client, publish):
    publish(attachments={"名单.png": PNG})

    page = _upload(client, PNG[:-1] + b"\x00").content.decode()

    assert "公开记录中没有与该文件完全相同的内容" in page


def test_upload_of_an_unsupported_type_is_refused_with_the_upload_message(client):
    response = _upload(client, b"<html>not a record</html>", "a.html")

    assert response.status_code == 400
    assert "只能上传 PDF、DOCX、XLSX 或图片" in response.content.decode()


def test_url_of_another_site_is_refused(client, publish):
    doc = publish()

    response = client.post(URL, {"url": f"https://example.com/xxgk/documents/{doc.pk}/"})

    assert response.status_code == 400
    assert "请粘贴本网站上政府信息页面或附件的链接" in response.content.decode()


def test_url_of_a_record_not_public_reads_as_not_found(client, education):
    from gongkai.documents.tests.factories import DocumentFactory

    draft = DocumentFactory(organisation=education, status="draft")

    response = client.post(URL, {"url": f"http://testserver/xxgk/documents/{draft.pk}/"})

    assert "该信息不存在或未公开" in response.content.decode()


def test_neither_or_both_inputs_is_refused(client):
    response = client.post(URL, {})

    assert response.status_code == 400
    assert "二者选一" in response.content.decode()


def test_checks_are_rate_limited_per_address(client, monkeypatch, publish):
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    doc = publish()
    url = f"http://testserver/xxgk/documents/{doc.pk}/"
    for _ in range(20):
        assert client.post(URL, {"url": url}).status_code == 200

    response = client.post(URL, {"url": url})

    assert response.status_code == 429
    assert "查询过于频繁" in response.content.decode()


def test_body_of_a_record_not_public_is_not_found(client, education):
    from gongkai.documents.tests.factories import DocumentFactory

    draft = DocumentFactory(organisation=education, status="draft")

    assert client.get(f"/xxgk/gkjl/documents/{draft.pk}/body.json").status_code == 404


def test_well_known_key_is_the_public_half_of_the_signing_key(client, publication_key):
    response = client.get("/.well-known/gongkai-publication-key")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == keys.public_pem(publication_key)
    assert response["X-Key-Id"] == keys.key_id(publication_key)
    assert b"PRIVATE" not in response.content


def test_well_known_key_is_not_found_before_the_key_exists(client, settings, tmp_path):
    settings.PUBLOG_KEY_PATH = tmp_path / "none.pem"

    assert client.get("/.well-known/gongkai-publication-key").status_code == 404


def test_key_is_created_once_and_never_overwritten(settings, tmp_path):
    settings.PUBLOG_KEY_PATH = tmp_path / "k" / "key.pem"

    path, created = keys.key_create()
    first = path.read_bytes()
    _path, again = keys.key_create()

    assert (created, again) == (True, False)
    assert path.read_bytes() == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_gongkai_migrate_then_creates_the_key(monkeypatch):
    import django.core.management

    from gongkai import cli

    calls = []
    monkeypatch.setattr(django.core.management, "execute_from_command_line", calls.append)
    monkeypatch.setattr(cli, "_may_write", lambda args: False)

    cli.main(["migrate", "--no-input"])

    assert calls == [["gongkai", "migrate", "--no-input"], ["gongkai", "create_publication_key"]]
