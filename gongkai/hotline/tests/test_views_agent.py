"""The agent's phone form, suggestions, knowledge base, 并单/referral pages, the handling page and the dashboard."""

from __future__ import annotations

import re

import pytest

from gongkai.hotline import dispatch, knowledge, services
from gongkai.hotline.models import Channel, KnowledgeEntry, Status, Ticket, TicketExtension

pytestmark = pytest.mark.django_db


def _form(category, **extra):
    return {
        "description": "和平区南京北街路灯不亮已经三天了",
        "category": category.code,
        "kind": "help",
        "urgency": "normal",
        "address": "沈阳市和平区南京北街100号",
        "requester_name": "张三",
        "requester_phone": "13812345678",
        "consent_to_contact": "1",
        **extra,
    }


def test_intake_form_is_keyboard_first(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    body = client.get("/staff/hotline/intake/").content.decode()
    assert 'autofocus accesskey="d"' in body and 'accesskey="s"' in body and 'accesskey="c"' in body


def test_agent_records_a_phone_ticket(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    response = client.post("/staff/hotline/intake/", _form(category))
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/hotline/intake/{ticket.pk}/"
    assert (ticket.channel, ticket.requester_phone, ticket.created_by) == (
        Channel.PHONE,
        "13812345678",
        agent_in_centre,
    )


def test_double_submit_with_the_form_key_records_once(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    client.post("/staff/hotline/intake/", _form(category, form_key="abc-123"))
    client.post("/staff/hotline/intake/", _form(category, form_key="abc-123"))
    assert Ticket.objects.count() == 1


def test_invalid_intake_shows_the_field_error(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    response = client.post("/staff/hotline/intake/", _form(category, description="短"))
    assert response.status_code == 400 and "请描述诉求内容" in response.content.decode()
    assert not Ticket.objects.exists()


def test_department_handler_cannot_use_the_phone_form(client, handler_in_dept, category):
    client.force_login(handler_in_dept)
    assert client.get("/staff/hotline/intake/").status_code == 404


def test_suggestions_name_the_category_and_the_duplicate(
    client, agent_in_centre, category, make_ticket, centre
):
    from gongkai.hotline.tests.factories import CategoryFactory

    CategoryFactory(code="noise", name="噪音扰民", keywords="噪音 施工 夜间")
    earlier = make_ticket()
    client.force_login(agent_in_centre)
    body = client.get(
        "/staff/hotline/intake/suggest/",
        {"description": "南京北街的路灯不亮了", "category": category.code, "address": "和平区南京北街"},
    ).content.decode()
    assert 'data-category="streetlight"' in body and "noise" not in body
    assert earlier.number in body


def test_suggestions_without_javascript(client, agent_in_centre, category):
    client.force_login(agent_in_centre)
    body = client.post("/staff/hotline/intake/", _form(category, suggest="1")).content.decode()
    assert 'data-category="streetlight"' in body
    assert not Ticket.objects.exists()


def test_category_suggestion_learns_from_past_tickets(make_ticket, category):
    from gongkai.hotline.tests.factories import CategoryFactory

    CategoryFactory(code="other", name="其他")
    make_ticket(description="小区门口的灯杆倒了很危险")
    [top, *_rest] = knowledge.category_suggest("灯杆倒了")
    assert top.category == category


def test_agent_answers_at_once_from_the_knowledge_base(
    client, agent_in_centre, make_ticket, education, handler_in_dept
):
    entry = knowledge.knowledge_save(
        actor=handler_in_dept,
        organisation=education,
        question="中考报名时间是什么时候",
        answer="每年4月上旬网上报名，详见市教育局通知。",
        keywords="中考 报名",
        is_published=True,
    )
    ticket = make_ticket(description="请问今年中考报名时间")
    client.force_login(agent_in_centre)
    page = client.get(f"/staff/hotline/intake/{ticket.pk}/").content.decode()
    assert entry.question in page
    client.post(f"/staff/hotline/intake/{ticket.pk}/act/", {"action": "answer_entry", "entry": entry.pk})
    ticket.refresh_from_db()
    assert (ticket.status, ticket.reply) == (Status.CLOSED, entry.answer)


def test_unpublished_entry_is_not_offered(make_ticket, education, handler_in_dept):
    knowledge.knowledge_save(
        actor=handler_in_dept,
        organisation=education,
        question="中考报名时间",
        answer="草稿答复内容",
        is_published=False,
    )
    assert knowledge.knowledge_search("中考报名") == []


def test_department_keeps_only_its_own_entries(handler_in_sibling, education):
    from gongkai.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied, match="不能维护该单位的知识库"):
        knowledge.knowledge_save(
            actor=handler_in_sibling, organisation=education, question="问题问题", answer="答复答复"
        )


def test_knowledge_entry_form_saves(client, handler_in_dept, education):
    client.force_login(handler_in_dept)
    response = client.post(
        "/staff/hotline/knowledge/new/",
        {
            "organisation": education.pk,
            "question": "校车安全问题",
            "answer": "请联系学校安全办",
            "is_published": "1",
        },
    )
    assert response.status_code == 302
    assert KnowledgeEntry.objects.get().is_published


def test_agent_merges_from_the_page(client, agent_in_centre, make_ticket):
    main, duplicate = make_ticket(), make_ticket()
    client.force_login(agent_in_centre)
    assert main.number in client.get(f"/staff/hotline/intake/{duplicate.pk}/").content.decode()
    client.post(f"/staff/hotline/intake/{duplicate.pk}/act/", {"action": "merge", "main": main.pk})
    duplicate.refresh_from_db()
    assert duplicate.status == Status.CLOSED and duplicate.merged_into.main == main


def test_foi_referral_tells_the_agent_the_application_page(client, agent_in_centre, make_ticket):
    ticket = make_ticket(description="我想申请公开某项政府信息")
    client.force_login(agent_in_centre)
    response = client.post(
        f"/staff/hotline/intake/{ticket.pk}/act/", {"action": "refer", "channel": "foi"}, follow=True
    )
    assert "/foi/apply/" in response.content.decode()
    assert ticket.referral.channel == "foi"


# --- handling page ----------------------------------------------------------------------------------------


def test_dispatcher_dispatches_with_an_assisting_department(
    client, dispatcher_in_centre, make_ticket, education, finance
):
    ticket = make_ticket()
    client.force_login(dispatcher_in_centre)
    client.post(
        f"/staff/hotline/{ticket.pk}/handle/act/",
        {"action": "dispatch", "organisation": education.pk, "assists": [finance.pk]},
    )
    ticket.refresh_from_db()
    assert ticket.organisation == education
    assert list(ticket.assists.values_list("organisation", flat=True)) == [finance.pk]


def test_assisting_department_page_hides_the_contact(
    client, dispatcher_in_centre, make_ticket, education, finance, handler_in_sibling
):
    ticket = dispatch.ticket_dispatch_by_rule(
        ticket=make_ticket(), actor=dispatcher_in_centre, organisation=education, assists=[finance]
    )
    client.force_login(handler_in_sibling)
    body = client.get(f"/staff/hotline/{ticket.pk}/").content.decode()
    assert ticket.number in body and "13812345678" not in body
    assert "提交协办意见" in client.get(f"/staff/hotline/{ticket.pk}/handle/").content.decode()


def test_department_requests_and_centre_approves_an_extension(
    client, dispatched, handler_in_dept, dispatcher_in_centre
):
    due = dispatched.due_on
    client.force_login(handler_in_dept)
    client.post(
        f"/staff/hotline/{dispatched.pk}/handle/act/",
        {"action": "extension_request", "amount": "2", "comment": "需协调"},
    )
    extension = TicketExtension.objects.get()
    client.force_login(dispatcher_in_centre)
    client.post(
        f"/staff/hotline/{dispatched.pk}/handle/act/",
        {"action": "extension_approve", "extension": extension.pk},
    )
    dispatched.refresh_from_db()
    assert dispatched.due_on > due


def test_urge_is_shown_to_the_department(client, dispatched, supervisor_in_city, handler_in_dept):
    client.force_login(supervisor_in_city)
    client.post(f"/staff/hotline/{dispatched.pk}/handle/act/", {"action": "urge", "comment": "请于今日办结"})
    client.force_login(handler_in_dept)
    assert "请于今日办结" in client.get(f"/staff/hotline/{dispatched.pk}/handle/").content.decode()


def test_sent_back_ticket_is_reviewed_on_the_page(
    client, dispatched, handler_in_dept, dispatcher_in_centre, finance
):
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="非我局职责")
    client.force_login(dispatcher_in_centre)
    assert "非我局职责" in client.get(f"/staff/hotline/{dispatched.pk}/handle/").content.decode()
    client.post(
        f"/staff/hotline/{dispatched.pk}/handle/act/",
        {"action": "sendback_accept", "organisation": finance.pk},
    )
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation) == (Status.DISPATCHED, finance)


# --- dashboard --------------------------------------------------------------------------------------------


def test_dashboard_shows_figures_chart_and_table(client, dispatched, supervisor_in_city):
    client.force_login(supervisor_in_city)
    body = client.get("/staff/hotline/dashboard/").content.decode()
    assert "<svg" in body and "每日受理量" in body and "沈阳市教育局" in body and "<table" in body


def test_dashboard_is_404_without_supervision(client, handler_in_dept):
    client.force_login(handler_in_dept)
    assert client.get("/staff/hotline/dashboard/").status_code == 404


def test_dashboard_of_an_organisation_outside_scope_is_404(client, finance, education):
    from gongkai.orgs.tests.factories import staff_in

    client.force_login(staff_in(finance, "supervisor", username="fin-sup"))
    assert client.get("/staff/hotline/dashboard/", {"organisation": education.pk}).status_code == 404


def test_dashboard_exports_xlsx(client, dispatched, supervisor_in_city):
    client.force_login(supervisor_in_city)
    response = client.get("/staff/hotline/dashboard.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


# --- dispatch rules -----------------------------------------------------------------------------------------


def test_dispatcher_adds_a_rule(client, dispatcher_in_centre, category, finance):
    from gongkai.hotline.models import DispatchRule

    client.force_login(dispatcher_in_centre)
    response = client.post(
        "/staff/hotline/rules/",
        {"category": category.pk, "district": "和平区", "organisation": finance.pk, "priority": "3"},
    )
    assert response.status_code == 302
    rule = DispatchRule.objects.get()
    assert (rule.district, rule.organisation, rule.priority) == ("和平区", finance, 3)


def test_rule_with_a_bad_district_is_refused(client, dispatcher_in_centre, category, finance):
    client.force_login(dispatcher_in_centre)
    response = client.post(
        "/staff/hotline/rules/", {"category": category.pk, "district": "南京北街", "organisation": finance.pk}
    )
    assert response.status_code == 400 and "属地应为区、县名称" in response.content.decode()


def test_agent_without_dispatch_cannot_manage_rules(client, agent_in_centre):
    client.force_login(agent_in_centre)
    assert client.get("/staff/hotline/rules/").status_code == 404


def test_ticket_page_does_not_offer_merge_as_a_bare_button(client, agent_in_centre, make_ticket):
    ticket = make_ticket()
    client.force_login(agent_in_centre)
    body = client.get(f"/staff/hotline/{ticket.pk}/").content.decode()
    assert 'value="merge"' not in body and "即时答复" in body


def _alert_for(ticket):
    import datetime as dt

    from gongkai.hotline.models import HotspotAlert

    alert = HotspotAlert.objects.create(
        category=ticket.category,
        area="和平区",
        window_start=ticket.received_at - dt.timedelta(days=1),
        window_end=ticket.received_at,
        count=12,
        baseline=1.5,
        score=8.0,
    )
    alert.tickets.set([ticket])
    return alert


def test_dashboard_shows_the_hot_topic_alert(client, dispatched, supervisor_in_city):
    _alert_for(dispatched)
    client.force_login(supervisor_in_city)
    body = client.get("/staff/hotline/dashboard/").content.decode()
    assert "热点预警" in body and "和平区 路灯损坏诉求 12 件" in body


def test_alert_outside_scope_is_not_shown(client, dispatched, finance):
    from gongkai.orgs.tests.factories import staff_in

    _alert_for(dispatched)
    client.force_login(staff_in(finance, "supervisor", username="fin-sup2"))
    assert "路灯损坏诉求" not in client.get("/staff/hotline/dashboard/").content.decode()


def test_dashboard_queries_do_not_grow_with_tickets(
    client, make_ticket, dispatcher_in_centre, education, supervisor_in_city, django_assert_max_num_queries
):
    for _ in range(6):
        services.ticket_dispatch(ticket=make_ticket(), organisation=education, actor=dispatcher_in_centre)
    client.force_login(supervisor_in_city)
    with django_assert_max_num_queries(12):
        response = client.get("/staff/hotline/dashboard/")
    assert response.status_code == 200 and "沈阳市教育局" in response.content.decode()


def test_similar_ticket_in_another_district_is_not_a_duplicate(make_ticket, category):
    make_ticket(
        description="沈河区青年大街路灯不亮已经三天了", address="沈河区青年大街", lat="41.79", lon="123.43"
    )
    found = knowledge.duplicates_find(
        text="和平区南京北街路灯不亮已经三天了", category=category, area="和平区"
    )
    assert found == []


def test_similar_ticket_nearby_is_a_duplicate(make_ticket, category):
    earlier = make_ticket(address="南京北街100号", lat="41.796", lon="123.401")
    found = knowledge.duplicates_find(text="南京北街路灯不亮已经三天了", lat="41.797", lon="123.402")
    assert [d.ticket for d in found] == [earlier]


def test_ticket_page_explains_the_extended_limit(client, dispatched, handler_in_dept, dispatcher_in_centre):
    extension = dispatch.extension_request(
        ticket=dispatched, actor=handler_in_dept, amount=2, reason="需协调"
    )
    dispatch.extension_decide(extension=extension, actor=dispatcher_in_centre, approve=True)
    dispatched.refresh_from_db()
    client.force_login(handler_in_dept)
    body = client.get(f"/staff/hotline/{dispatched.pk}/").content.decode()
    assert dispatched.due_on.isoformat() in body and "延长" in body


def test_back_office_home_shows_the_alert_to_the_supervisor(client, dispatched, supervisor_in_city):
    _alert_for(dispatched)
    client.force_login(supervisor_in_city)
    body = client.get("/staff/").content.decode()
    assert "热点预警" in body and "和平区 路灯损坏诉求 12 件" in body


def test_a_hot_topic_alert_opens_the_concern_form_with_its_tickets(client, dispatched, supervisor_in_city):
    _alert_for(dispatched)
    client.force_login(supervisor_in_city)
    body = client.get("/staff/hotline/dashboard/").content.decode()
    link = re.search(r'href="(/staff/concerns/new/\?[^"]+)"', body).group(1).replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert dispatched.number in form and "12345热线" in form


def test_the_phone_form_says_when_no_hotline_centre_is_set(client, settings, django_user_model):
    settings.HOTLINE_CENTRE_CODE = ""
    client.force_login(django_user_model.objects.create_superuser("root-nc", password="pw-12345678"))
    response = client.get("/staff/hotline/intake/")
    assert response.status_code == 200
    assert "尚未设置热线受理中心" in response.content.decode()
