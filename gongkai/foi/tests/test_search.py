"""Published FOI replies in the site search: found once published, not before; only the de-identified public copy
is indexed (never the applicant's data); publishing again and withdrawing (explicitly, from the services) and the
sweep keep the index in step."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.foi import search as foi_search
from gongkai.foi import services
from gongkai.foi.models import Decision, FoiPublication
from gongkai.foi.tests.factories import VALID_ID_CARD, file_application
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import SearchFilters, search

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 9, 25)
TOPIC = "浑河两岸绿化工程的环境影响评价报告"
# The reply names a staff member with phone and ID numbers: the engine masks them in the published copy.
REPLY = "经检索，该报告已由市环保局公开。如有疑问请联系经办人，电话13912345678，身份证号11010519491231002X。"
APPLICANT = {
    "name": "欧阳娜娜",
    "phone": "13812345678",
    "email": "ouyang@example.com",
    "address": "沈阳市和平区南京北街99号",
}


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """The search module keeps one user dictionary per process: start each test from the database."""
    from gongkai.search import services as search_services
    from gongkai.search import suggest

    search_services._vocabulary.update({"checked": 0.0, "version": None, "synonyms": {}})
    suggest.reset()
    yield
    suggest.reset()


@pytest.fixture
def replied(education, handler_in_dept):
    application, _secret = file_application(education, on=TODAY, description=TOPIC, **APPLICANT)
    services.application_reply(
        application, actor=handler_in_dept, decision=Decision.DISCLOSE, text=REPLY, today=TODAY
    )
    return application


def _publish(application, actor, capture, text=""):
    with capture(execute=True):
        return services.application_publish_reply(application, actor=actor, text=text)


def _found(q: str) -> list:
    return [hit for hit in search(None, q).hits if hit.kind == foi_search.KIND]


def test_the_source_is_registered_with_its_label():
    from gongkai.search import registry

    source = registry.get(foi_search.KIND)
    assert source.model is FoiPublication
    assert str(source.label) == "依申请公开答复"


def test_a_reply_is_not_found_before_it_is_published(replied):
    from gongkai.search.services import index_objects, reindex_total

    assert _found("绿化工程环境影响评价") == []
    assert reindex_total([foi_search.KIND]) == 0  # nothing to index: the application itself is never a source
    index_objects(foi_search.KIND, [replied.pk])
    assert not SearchEntry.objects.filter(kind=foi_search.KIND).exists()


def test_a_published_reply_is_found_by_the_public_with_its_url(
    replied, handler_in_dept, django_capture_on_commit_callbacks
):
    publication = _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    hits = _found("绿化工程环境影响评价")
    assert [hit.id for hit in hits] == [publication.pk]
    assert hits[0].url == f"/foi/replies/{publication.pk}/"
    assert hits[0].issuer == "沈阳市教育局"
    assert hits[0].published_on == timezone.localdate(publication.published_at)


def test_the_snippet_and_the_entry_carry_no_personal_data(
    replied, handler_in_dept, django_capture_on_commit_callbacks
):
    _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    hit = search(None, "环保局公开 经办人 电话").hits[0]
    assert hit.kind == foi_search.KIND
    entry = SearchEntry.objects.get(kind=foi_search.KIND)
    stored = " ".join(
        str(value)
        for value in (
            hit.snippet,
            hit.title,
            entry.title,
            entry.body,
            entry.issuer,
            entry.external_id,
            entry.url,
        )
    )
    for secret in [
        "13912345678",
        "11010519491231002X",
        VALID_ID_CARD,
        replied.tracking_number,
        *APPLICANT.values(),
    ]:
        assert secret not in stored
    assert "联系经办人" in entry.body  # the masked public copy is what is indexed


def test_the_results_page_shows_the_reply_without_personal_data(
    client, replied, handler_in_dept, django_capture_on_commit_callbacks
):
    publication = _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    page = client.get("/search/", {"q": "绿化工程 环境影响评价"}).content.decode()
    assert f"/foi/replies/{publication.pk}/" in page
    assert "依申请公开答复" in page  # the content-type facet
    for secret in ["13912345678", "11010519491231002X", *APPLICANT.values()]:
        assert secret not in page


def test_the_kind_filter_narrows_to_replies(replied, handler_in_dept, django_capture_on_commit_callbacks):
    _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    page = search(None, "环境影响评价", filters=SearchFilters(kind=foi_search.KIND))
    assert page.count == 1
    assert [(f.value, f.count) for f in page.facets["kind"]] == [(foi_search.KIND, 1)]


def test_publishing_again_with_a_new_text_updates_the_index(
    replied, handler_in_dept, django_capture_on_commit_callbacks
):
    _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    _publish(
        replied,
        handler_in_dept,
        django_capture_on_commit_callbacks,
        text="该报告可在市生态环境局网站“环评公示”栏目查阅。",
    )
    assert _found("环评公示")
    assert not _found("联系经办人")


def test_a_withdrawn_reply_is_gone_from_the_public_search_at_once(
    replied, handler_in_dept, django_capture_on_commit_callbacks
):
    _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    assert _found("绿化工程环境影响评价")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_unpublish_reply(replied, actor=handler_in_dept, reason="含未脱敏的第三方信息")
    assert _found("绿化工程环境影响评价") == []
    assert not SearchEntry.objects.filter(kind=foi_search.KIND).exists()


def test_a_withdrawn_reply_is_absent_from_the_results_page(
    client, replied, handler_in_dept, django_capture_on_commit_callbacks
):
    publication = _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_unpublish_reply(replied, actor=handler_in_dept, reason="需重新审查")
    page = client.get("/search/", {"q": "绿化工程 环境影响评价"}).content.decode()
    assert f"/foi/replies/{publication.pk}/" not in page


def test_publishing_a_withdrawn_reply_again_puts_it_back_in_the_search(
    replied, handler_in_dept, django_capture_on_commit_callbacks
):
    publication = _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_unpublish_reply(replied, actor=handler_in_dept, reason="需重新审查")
    _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    assert [hit.id for hit in _found("绿化工程环境影响评价")] == [publication.pk]


def test_a_publication_saved_outside_the_services_waits_for_the_sweep(
    replied, django_capture_on_commit_callbacks
):
    """Upkeep is explicit in the services (no model signals); the sweep catches anything else."""
    from gongkai.search.services import sweep

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        FoiPublication.objects.create(application=replied, title="答复", text="绿化工程环境影响评价")
    assert callbacks == []
    assert _found("绿化工程环境影响评价") == []
    sweep()
    assert len(_found("绿化工程环境影响评价")) == 1


def test_the_sweep_drops_a_withdrawal_whose_index_update_was_lost(
    replied, handler_in_dept, django_capture_on_commit_callbacks
):
    from gongkai.search.services import sweep

    _publish(replied, handler_in_dept, django_capture_on_commit_callbacks)
    services.application_unpublish_reply(
        replied, actor=handler_in_dept, reason="需重新审查"
    )  # hook never ran
    assert sweep() >= 1
    assert _found("绿化工程环境影响评价") == []


def test_the_sweep_repairs_a_lost_update(replied, handler_in_dept):
    from gongkai.search.services import sweep

    services.application_publish_reply(replied, actor=handler_in_dept)  # its on-commit indexing never ran
    assert _found("绿化工程环境影响评价") == []
    assert sweep() >= 1
    assert len(_found("绿化工程环境影响评价")) == 1
    FoiPublication.objects.filter(application=replied).delete()  # a queryset delete: no signal at all
    sweep()
    assert _found("绿化工程环境影响评价") == []
