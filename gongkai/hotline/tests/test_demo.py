"""The hotline demo of ``gongkai load-demo``: rules, 知识库, tickets through the whole loop, once."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.core.models import AuditEvent
from gongkai.hotline import demo, dispatch, knowledge
from gongkai.hotline.models import DispatchRule, KnowledgeEntry, Status, Ticket
from gongkai.orgs.models import Organisation
from gongkai.portal.demo import demo_uscc, load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_loaded(settings):
    settings.HOTLINE_CENTRE_CODE = ""
    load_demo()


def test_demo_centre_code_is_a_well_formed_credit_code():
    assert demo.DEMO_CENTRE_CODE == demo_uscc("12", 190)


def test_demo_centre_is_made_through_the_orgs_service_and_audited(city, settings):
    settings.HOTLINE_CENTRE_CODE = ""
    centre = demo.centre_get_or_create(city)
    assert (centre.code, centre.parent, centre.path) == (
        demo.DEMO_CENTRE_CODE,
        city,
        f"{city.path}{centre.pk}/",
    )
    event = AuditEvent.objects.get(action="organisation.create", object_id=str(centre.pk))
    assert event.actor is None  # the system, as for every organisation the demo loader makes
    assert event.data == {"code": demo.DEMO_CENTRE_CODE, "kind": "unit"}


def test_demo_centre_is_found_again_not_duplicated(city, settings):
    settings.HOTLINE_CENTRE_CODE = ""
    first = demo.centre_get_or_create(city)
    events = AuditEvent.objects.count()
    assert demo.centre_get_or_create(city) == first
    assert Organisation.objects.filter(code=demo.DEMO_CENTRE_CODE).count() == 1
    assert AuditEvent.objects.count() == events


def test_configured_centre_is_used_and_nothing_is_made(city, education, settings):
    settings.HOTLINE_CENTRE_CODE = education.code
    assert demo.centre_get_or_create(city) == education
    assert not Organisation.objects.filter(code=demo.DEMO_CENTRE_CODE).exists()
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_demo_loads_rules_knowledge_and_the_loop_once(city_loaded):
    first = demo.load_hotline_demo()
    assert (first.rules, first.knowledge) == (len(demo.DEMO_RULES), len(demo.DEMO_KNOWLEDGE))
    assert first.tickets == len(demo.DEMO_REQUESTS) + len(demo.DEMO_LOOP)
    assert first.centre_code == demo.DEMO_CENTRE_CODE
    counts = (DispatchRule.objects.count(), KnowledgeEntry.objects.count(), Ticket.objects.count())
    events = AuditEvent.objects.count()

    again = demo.load_hotline_demo()
    assert (again.categories, again.rules, again.knowledge, again.tickets) == (0, 0, 0, 0)
    assert (DispatchRule.objects.count(), KnowledgeEntry.objects.count(), Ticket.objects.count()) == counts
    assert AuditEvent.objects.count() == events
    # (one test: loading the demo city takes a while on this machine)
    _tickets_show_each_step_of_the_loop()
    _knowledge_is_kept_by_departments_and_answers_agents()
    _rules_route_by_district()


def _tickets_show_each_step_of_the_loop():
    by_text = {t.description: t for t in Ticket.objects.select_related("organisation")}
    stages = {stage: by_text[text] for _key, _code, _kind, text, _address, stage in demo.DEMO_LOOP}
    visited = stages["visited"]
    assert (visited.status, visited.satisfaction, visited.solved) == (Status.CLOSED, "satisfied", True)
    assert visited.organisation.name == "沈阳市和平区教育局"  # the district rule, before the city-wide one
    assert stages["replied"].status == Status.REPLIED and stages["replied"].reply
    assert stages["accepted"].status == Status.ACCEPTED
    assert stages["dispatched"].status == Status.DISPATCHED
    assert stages["dispatched"].organisation.name == "沈阳市皇姑区教育局"
    actions = set(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Ticket), object_id=str(visited.pk)
        ).values_list("action", flat=True)
    )
    assert {"ticket.create", "ticket.dispatch", "ticket.accept", "ticket.reply", "ticket.close"} <= actions
    # The public requests got their de-identified copy.
    assert all(t.public_description for t in Ticket.objects.filter(channel="web"))


def _knowledge_is_kept_by_departments_and_answers_agents():
    keepers = set(KnowledgeEntry.objects.values_list("organisation__name", flat=True))
    assert "沈阳市房产局" in keepers and demo.DEMO_CENTRE_NAME not in keepers
    found = knowledge.knowledge_search("供暖期是什么时候")
    assert found and found[0].question == "沈阳的供暖期是哪几天？"
    assert not [e for e in knowledge.knowledge_search("转学 学籍") if not e.is_published]


def _rules_route_by_district():
    from gongkai.hotline.models import Category

    school = Category.objects.get(code="school")
    assert dispatch.rule_find(category=school, district="和平区").organisation.name == "沈阳市和平区教育局"
    assert dispatch.rule_find(category=school, district="铁西区").organisation.name == "沈阳市教育局"
