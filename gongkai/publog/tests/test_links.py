"""The 政府信息公开 pages lead to the check page, and a public record's page to its proof files (issue 12)."""

import pytest

from gongkai.publog import canonical
from gongkai.publog.models import Entry

pytestmark = pytest.mark.django_db


def test_the_xxgk_page_links_to_the_check_page(client):
    response = client.get("/xxgk/")

    assert 'href="/xxgk/gkjl/"' in response.content.decode()


def test_a_record_page_links_to_its_body_json_and_log_entries(client, publish):
    doc = publish()

    page = client.get(f"/xxgk/documents/{doc.pk}/").content.decode()

    assert f'href="/xxgk/gkjl/documents/{doc.pk}/body.json"' in page
    assert f'href="/api/v1/publog/records/{doc.pk}"' in page
    body = client.get(f"/xxgk/gkjl/documents/{doc.pk}/body.json").content
    assert canonical.sha256_hex(body) == Entry.objects.get(document=doc).body_sha256
