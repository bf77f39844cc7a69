"""Published survey results in the site search: found by the public once published, never before; the responses
(free-text answers included) are never indexed; the sweep repairs a lost update."""

import pytest

from gongkai.search.models import SearchEntry
from gongkai.search.selectors import SearchFilters, search
from gongkai.surveys import search as survey_search
from gongkai.surveys import services
from gongkai.surveys.tests.factories import answers

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "希望增加周末托管服务"


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
def closed_survey(open_survey, publisher):
    services.response_submit(survey=open_survey, answers=answers(text=SECRET_ANSWER))
    services.survey_close(open_survey, actor=publisher)
    return open_survey


def _found(q: str) -> list:
    return [hit for hit in search(None, q).hits if hit.kind == survey_search.KIND]


def _publish(survey, actor, capture):
    with capture(execute=True):
        return services.survey_publish(survey, actor=actor)


def test_the_source_is_registered_with_its_label():
    from gongkai.search import registry

    assert str(registry.get(survey_search.KIND).label) == "民意调查结果"


def test_an_open_or_closed_survey_is_not_indexed(closed_survey, django_capture_on_commit_callbacks):
    from gongkai.search.services import index_object

    index_object(survey_search.KIND, closed_survey.pk)
    assert not SearchEntry.objects.filter(kind=survey_search.KIND).exists()
    assert _found("满意度调查") == []


def test_published_results_are_found_by_the_public_with_the_results_url(
    closed_survey, publisher, django_capture_on_commit_callbacks
):
    _publish(closed_survey, publisher, django_capture_on_commit_callbacks)
    hits = _found("满意度调查")
    assert [hit.id for hit in hits] == [closed_survey.pk]
    assert hits[0].url == f"/participation/surveys/{closed_survey.pk}/results/"
    assert hits[0].issuer == "沈阳市教育局"


def test_the_questionnaire_is_searchable(closed_survey, publisher, django_capture_on_commit_callbacks):
    _publish(closed_survey, publisher, django_capture_on_commit_callbacks)
    assert _found("需要改进的方面")


def test_the_responses_are_never_indexed(closed_survey, publisher, django_capture_on_commit_callbacks):
    _publish(closed_survey, publisher, django_capture_on_commit_callbacks)
    entry = SearchEntry.objects.get(kind=survey_search.KIND)
    assert SECRET_ANSWER not in f"{entry.title} {entry.body}"
    assert _found(SECRET_ANSWER) == []


def test_the_kind_filter_narrows_to_survey_results(
    closed_survey, publisher, django_capture_on_commit_callbacks
):
    _publish(closed_survey, publisher, django_capture_on_commit_callbacks)
    page = search(None, "满意度调查", filters=SearchFilters(kind=survey_search.KIND))
    assert page.count == 1


def test_the_sweep_repairs_a_lost_update(closed_survey, publisher):
    from gongkai.search.services import sweep

    services.survey_publish(closed_survey, actor=publisher)  # its on-commit indexing never ran
    assert _found("满意度调查") == []
    assert sweep() >= 1
    assert len(_found("满意度调查")) == 1


def test_the_stamp_fits_the_index_column(closed_survey, publisher):
    """SQLite does not enforce the column length; PostgreSQL refuses a longer stamp."""
    services.survey_publish(closed_survey, actor=publisher)
    ((_pk, stamp),) = survey_search._stamps()
    assert len(stamp) <= SearchEntry._meta.get_field("source_stamp").max_length
