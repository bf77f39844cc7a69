"""The demo surveys: one with published results, one open, made through the services, once."""

from gongkai.orgs.tests.factories import staff_in
from gongkai.surveys import results
from gongkai.surveys.demo import RESPONSES, load_surveys_demo
from gongkai.surveys.models import Status, Survey


def test_demo_has_one_published_and_one_open_survey(education, city):
    from django.contrib.auth import get_user_model

    admin = staff_in(city, "admin", subunits=True, username="admin")
    assert get_user_model().objects.filter(username="admin").exists() and admin
    assert load_surveys_demo() == 2
    assert sorted(Survey.objects.values_list("status", flat=True)) == [Status.OPEN, Status.PUBLISHED]
    published = Survey.objects.get(status=Status.PUBLISHED)
    assert published.results["sample_size"] == RESPONSES
    assert published.results["duplicates"] > 0
    assert results.recompute(results.export_json(published)) == published.results
    assert load_surveys_demo() == 0
