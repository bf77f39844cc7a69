"""RSS/Atom feeds and sitemap.xml: public records only; organisation feeds include sub-units."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.documents.models import Attribute, Status, Theme
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_docs(education):
    return [
        DocumentFactory(organisation=education, status=Status.DRAFT, title="草稿文件"),
        DocumentFactory(
            organisation=education,
            attribute=Attribute.ON_REQUEST,
            attribute_reason="内部",
            title="依申请文件",
        ),
        DocumentFactory(organisation=education, status=Status.WITHDRAWN, title="撤回文件"),
    ]


@pytest.mark.parametrize("name", ["documents:feed_rss", "documents:feed_atom"])
def test_site_feed_lists_public_records_only(client, education, hidden_docs, name):
    public = DocumentFactory(organisation=education, title="公开文件")
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert public.title in body
    assert f"http://testserver{public.get_absolute_url()}" in body
    for doc in hidden_docs:
        assert doc.title not in body


def test_rss_feed_is_rss_and_atom_feed_is_atom(client, city):
    assert client.get(reverse("documents:feed_rss"))["Content-Type"].startswith("application/rss+xml")
    assert client.get(reverse("documents:feed_atom"))["Content-Type"].startswith("application/atom+xml")


@pytest.mark.parametrize("name", ["documents:feed_org_rss", "documents:feed_org_atom"])
def test_organisation_feed_includes_sub_units_and_excludes_siblings(
    client, education, exam_unit, finance, name
):
    own = DocumentFactory(organisation=education, title="教育局文件")
    sub = DocumentFactory(organisation=exam_unit, title="考试院文件")
    sibling = DocumentFactory(organisation=finance, title="财政局文件")
    body = client.get(reverse(name, args=[education.code])).content.decode()
    assert own.title in body
    assert sub.title in body
    assert sibling.title not in body


def test_organisation_feed_excludes_non_public_records(client, education, hidden_docs):
    body = client.get(reverse("documents:feed_org_rss", args=[education.code])).content.decode()
    for doc in hidden_docs:
        assert doc.title not in body


def test_feed_of_unknown_organisation_is_404(client, city):
    assert client.get(reverse("documents:feed_org_rss", args=["NOPE"])).status_code == 404


@pytest.mark.parametrize("name", ["documents:feed_theme_rss", "documents:feed_theme_atom"])
def test_theme_feed_lists_records_of_that_theme(client, education, name):
    child = Theme.objects.filter(parent__isnull=False).first()
    other = (
        Theme.objects.exclude(pk=child.pk).exclude(parent=child.parent).exclude(pk=child.parent_id).first()
    )
    inside = DocumentFactory(organisation=education, title="主题内文件", theme=child)
    outside = DocumentFactory(organisation=education, title="主题外文件", theme=other)
    body = client.get(reverse(name, args=[child.parent_id])).content.decode()
    assert inside.title in body
    assert outside.title not in body


def test_feed_of_unknown_theme_is_404(client, city):
    assert client.get(reverse("documents:feed_theme_rss", args=[999999])).status_code == 404


def test_feed_holds_at_most_fifty_items_newest_first(client, education):
    for day in range(1, 56):
        DocumentFactory(organisation=education, published_on=dt.date(2026, 1, 1) + dt.timedelta(days=day))
    body = client.get(reverse("documents:feed_rss")).content.decode()
    assert body.count("<item>") == 50
    assert "Wed, 25 Feb 2026" in body.split("<item>")[1]


def test_feed_escapes_markup_in_titles(client, education):
    DocumentFactory(organisation=education, title="<b>加粗</b>标题")
    body = client.get(reverse("documents:feed_rss")).content.decode()
    assert "<b>加粗</b>" not in body
    assert "&lt;b&gt;加粗&lt;/b&gt;标题" in body


# sitemap.xml


def _sitemap_text(client) -> str:
    """The index and every section page it lists, concatenated."""
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    return index + "".join(client.get(url.replace("&amp;", "&")).content.decode() for url in sections)


def test_sitemap_index_lists_the_sections(client, city):
    body = client.get("/sitemap.xml").content.decode()
    for section in ("sections", "documents", "interpretations", "organisations"):
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in body


def test_sitemap_lists_public_records_interpretations_and_organisations(client, education):
    public = DocumentFactory(organisation=education)
    item = InterpretationFactory(organisation=education, documents=[public])
    body = _sitemap_text(client)
    assert f"http://testserver{public.get_absolute_url()}</loc>" in body
    assert f"http://testserver{item.get_absolute_url()}</loc>" in body
    assert f"http://testserver{education.get_absolute_url()}</loc>" in body
    assert f"http://testserver{reverse('documents:list')}</loc>" in body


def test_sitemap_leaves_out_non_public_records(client, education, hidden_docs):
    unpublished = InterpretationFactory(organisation=education, status="draft")
    body = _sitemap_text(client)
    for doc in hidden_docs:
        assert f"{doc.get_absolute_url()}</loc>" not in body
    assert f"{unpublished.get_absolute_url()}</loc>" not in body


def test_sitemap_splits_records_into_pages(client, education):
    from gongkai.documents import sitemaps

    original = sitemaps.DocumentSitemap.limit
    sitemaps.DocumentSitemap.limit = 2
    try:
        docs = DocumentFactory.create_batch(3, organisation=education)
        index = client.get("/sitemap.xml").content.decode()
        assert "/sitemap-documents.xml?p=2</loc>" in index
        second = client.get("/sitemap-documents.xml", {"p": 2}).content.decode()
        assert second.count("<url>") == 1
        assert f"{docs[0].get_absolute_url()}</loc>" in second
    finally:
        sitemaps.DocumentSitemap.limit = original


@pytest.mark.parametrize(
    ("name", "element"),
    [("documents:feed_rss", "channel/item/description"), ("documents:feed_atom", "{*}entry/{*}summary")],
)
def test_plain_text_summary_reaches_feed_readers_escaped_as_html(client, education, name, element):
    from xml.etree import ElementTree

    DocumentFactory(organisation=education, summary='<img src=x onerror="alert(1)">与<b>通知</b>')
    root = ElementTree.fromstring(client.get(reverse(name)).content)  # noqa: S314 (our own feed)
    # What the reader renders as HTML after XML parsing: the summary as text, no element in it.
    html = root.find(element).text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;与&lt;b&gt;通知&lt;/b&gt;" in html
