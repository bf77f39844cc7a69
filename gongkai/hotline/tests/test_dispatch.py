"""Dispatch rules, 主办/协办, 退单 review, 延期, 督办, 并单 and referral (R3.2, R3.4, R3.5)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gongkai.core.clocks import deadline_compute
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.hotline import dispatch, selectors, services
from gongkai.hotline.clocks import REPLY_HOURS, REPLY_WORKING_DAYS
from gongkai.hotline.models import (
    DispatchRule,
    ExtensionStatus,
    ReferralChannel,
    Status,
    Ticket,
    TicketMerge,
    Urgency,
)
from gongkai.hotline.tests.conftest import SHANGHAI

pytestmark = pytest.mark.django_db


def _events(ticket, action):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket), object_id=str(ticket.pk), action=action
    )


@pytest.fixture
def district_office(city):
    from gongkai.orgs.tests.factories import OrganisationFactory

    return OrganisationFactory(code="11210102000000001X", name="和平区城市管理局", parent=city)


@pytest.fixture
def handler_in_district(district_office):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(district_office, "hotline_agent", username="district-handler")


# --- rules ----------------------------------------------------------------------------------------------


def test_area_is_the_district_named_after_the_city():
    assert dispatch.area_of("沈阳市和平区南京北街100号") == "和平区"
    assert dispatch.area_of("浑南区全运路") == "浑南区"
    assert dispatch.area_of("南京北街100号") == ""


def test_district_rule_wins_over_a_citywide_rule(make_ticket, category, finance, district_office):
    DispatchRule.objects.create(category=category, district="", organisation=finance, priority=10)
    DispatchRule.objects.create(category=category, district="和平区", organisation=district_office)
    ticket = make_ticket(address="沈阳市和平区南京北街100号")
    assert dispatch.organisation_suggest(ticket) == district_office


def test_higher_priority_rule_wins(make_ticket, category, finance, district_office):
    DispatchRule.objects.create(category=category, district="和平区", organisation=finance, priority=1)
    DispatchRule.objects.create(
        category=category, district="和平区", organisation=district_office, priority=5
    )
    assert dispatch.organisation_suggest(make_ticket()) == district_office


def test_rule_of_another_district_does_not_apply(make_ticket, category, finance, education):
    DispatchRule.objects.create(category=category, district="浑南区", organisation=finance)
    assert dispatch.organisation_suggest(make_ticket()) == education  # the category's default


def test_dispatch_follows_the_rule_and_records_it(
    make_ticket, category, district_office, dispatcher_in_centre
):
    DispatchRule.objects.create(category=category, district="和平区", organisation=district_office)
    ticket = dispatch.ticket_dispatch_by_rule(ticket=make_ticket(), actor=dispatcher_in_centre)
    assert (ticket.status, ticket.organisation) == (Status.DISPATCHED, district_office)
    assert _events(ticket, "ticket.dispatch_rule").get().data["overridden"] is False


def test_manual_override_is_recorded(make_ticket, category, district_office, finance, dispatcher_in_centre):
    DispatchRule.objects.create(category=category, district="和平区", organisation=district_office)
    ticket = dispatch.ticket_dispatch_by_rule(
        ticket=make_ticket(), actor=dispatcher_in_centre, organisation=finance
    )
    assert ticket.organisation == finance
    assert _events(ticket, "ticket.dispatch_rule").get().data["overridden"] is True


def test_no_rule_and_no_default_asks_for_a_choice(make_ticket, category, dispatcher_in_centre):
    category.default_organisation = None
    category.save()
    ticket = make_ticket()
    with pytest.raises(ValidationFailed, match="派单目录中没有"):
        dispatch.ticket_dispatch_by_rule(ticket=ticket, actor=dispatcher_in_centre)
    ticket.refresh_from_db()
    assert ticket.status == Status.RECEIVED


def test_agent_without_dispatch_permission_cannot_dispatch(make_ticket, agent_in_centre):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        dispatch.ticket_dispatch_by_rule(ticket=make_ticket(), actor=agent_in_centre)


# --- 主办 / 协办 ------------------------------------------------------------------------------------------------


@pytest.fixture
def assisted(make_ticket, dispatcher_in_centre, education, district_office):
    return dispatch.ticket_dispatch_by_rule(
        ticket=make_ticket(), actor=dispatcher_in_centre, organisation=education, assists=[district_office]
    )


def test_department_sees_only_tickets_dispatched_to_it(
    make_ticket, dispatched, handler_in_dept, handler_in_sibling
):
    make_ticket()  # not dispatched
    assert list(selectors.ticket_list_visible(handler_in_dept)) == [dispatched]
    assert list(selectors.ticket_list_visible(handler_in_sibling)) == []


def test_assisting_department_sees_the_ticket(assisted, handler_in_district):
    assert list(selectors.ticket_list_visible(handler_in_district)) == [assisted]


def test_contact_is_for_the_centre_and_the_lead_department_only(
    assisted, agent_in_centre, handler_in_dept, handler_in_district, supervisor_in_city
):
    assert selectors.can_see_contact(agent_in_centre, assisted)
    assert selectors.can_see_contact(handler_in_dept, assisted)
    assert not selectors.can_see_contact(handler_in_district, assisted)
    assert not selectors.can_see_contact(supervisor_in_city, assisted)


def test_assisting_department_adds_its_input(assisted, handler_in_district, district_office):
    note = dispatch.ticket_note_add(ticket=assisted, actor=handler_in_district, text="该路段由我局负责维护")
    assert note.organisation == district_office
    assert _events(assisted, "ticket.note").count() == 1


def test_department_that_does_not_assist_cannot_add_input(assisted, handler_in_sibling):
    with pytest.raises(PermissionDenied, match="只有协办单位"):
        dispatch.ticket_note_add(ticket=assisted, actor=handler_in_sibling, text="意见")


def test_only_the_lead_department_replies(assisted, handler_in_dept, handler_in_district):
    services.ticket_accept(ticket=assisted, actor=handler_in_dept)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.ticket_reply(ticket=assisted, actor=handler_in_district, reply="已修复")
    services.ticket_reply(ticket=assisted, actor=handler_in_dept, reply="已修复")
    assert assisted.status == Status.REPLIED


# --- 退单 review -----------------------------------------------------------------------------------------


def test_accepted_send_back_redispatches_elsewhere(
    dispatched, handler_in_dept, dispatcher_in_centre, finance
):
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="不属于我局职责")
    dispatch.send_back_accept(ticket=dispatched, actor=dispatcher_in_centre, organisation=finance)
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation) == (Status.DISPATCHED, finance)
    assert _events(dispatched, "ticket.dispatch").filter(from_status=Status.SENT_BACK).count() == 1


def test_send_back_cannot_be_accepted_to_the_same_department(
    dispatched, handler_in_dept, dispatcher_in_centre
):
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="不属于我局职责")
    with pytest.raises(ValidationFailed, match="请选择改派的承办单位"):
        dispatch.send_back_accept(ticket=dispatched, actor=dispatcher_in_centre)


def test_rejected_send_back_returns_to_the_department(
    dispatched, handler_in_dept, dispatcher_in_centre, education
):
    due = dispatched.due_on
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="不属于我局职责")
    dispatch.send_back_reject(ticket=dispatched, actor=dispatcher_in_centre, reason="属于教育局职责")
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation, dispatched.due_on) == (
        Status.DISPATCHED,
        education,
        due,
    )


def test_department_cannot_review_its_own_send_back(dispatched, handler_in_dept):
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="不属于我局职责")
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        dispatch.send_back_reject(ticket=dispatched, actor=handler_in_dept, reason="自己驳回")


# --- deadlines and extensions ---------------------------------------------------------------------------


def test_normal_ticket_runs_on_its_category_working_days(
    make_ticket, category, dispatcher_in_centre, education
):
    category.limit_amount = 3
    category.save()
    at = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
    ticket = services.ticket_dispatch(
        ticket=make_ticket(), organisation=education, actor=dispatcher_in_centre, at=at
    )
    expected = deadline_compute(kind=REPLY_WORKING_DAYS, start=datetime.date(2026, 12, 1), amount=3).due
    assert (ticket.due_on, ticket.due_at) == (expected, None)


def test_urgent_ticket_runs_on_the_category_urgent_hours(
    make_ticket, category, dispatcher_in_centre, education
):
    at = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
    ticket = make_ticket(urgency=Urgency.URGENT)
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre, at=at)
    assert (ticket.due_at, ticket.due_on) == (at + datetime.timedelta(hours=category.urgent_hours), None)


def test_approved_extension_recomputes_the_limit(dispatched, handler_in_dept, dispatcher_in_centre):
    extension = dispatch.extension_request(
        ticket=dispatched, actor=handler_in_dept, amount=3, reason="需现场勘查"
    )
    dispatch.extension_decide(extension=extension, actor=dispatcher_in_centre, approve=True)
    dispatched.refresh_from_db()
    start = timezone.localdate(dispatched.dispatched_at)
    assert dispatched.due_on == deadline_compute(kind=REPLY_WORKING_DAYS, start=start, amount=5 + 3).due
    assert dispatch.ticket_deadline_full(dispatched).due == dispatched.due_on


def test_extension_of_an_hour_limit_adds_hours(make_ticket, dispatcher_in_centre, handler_in_dept, education):
    ticket = services.ticket_dispatch(
        ticket=make_ticket(urgency=Urgency.URGENT), organisation=education, actor=dispatcher_in_centre
    )
    extension = dispatch.extension_request(
        ticket=ticket, actor=handler_in_dept, amount=4, reason="夜间无法施工"
    )
    dispatch.extension_decide(extension=extension, actor=dispatcher_in_centre, approve=True)
    ticket.refresh_from_db()
    expected = deadline_compute(kind=REPLY_HOURS, start=ticket.dispatched_at, amount=2 + 4).due
    assert ticket.due_at == expected


def test_refused_extension_leaves_the_limit(dispatched, handler_in_dept, dispatcher_in_centre):
    due = dispatched.due_on
    extension = dispatch.extension_request(
        ticket=dispatched, actor=handler_in_dept, amount=3, reason="需现场勘查"
    )
    decided = dispatch.extension_decide(extension=extension, actor=dispatcher_in_centre, approve=False)
    dispatched.refresh_from_db()
    assert (decided.status, dispatched.due_on) == (ExtensionStatus.REJECTED, due)


def test_other_department_cannot_ask_for_an_extension(dispatched, handler_in_sibling):
    with pytest.raises(PermissionDenied, match="只有承办单位"):
        dispatch.extension_request(ticket=dispatched, actor=handler_in_sibling, amount=2, reason="理由")


def test_department_cannot_approve_its_own_extension(dispatched, handler_in_dept):
    extension = dispatch.extension_request(ticket=dispatched, actor=handler_in_dept, amount=2, reason="理由")
    with pytest.raises(PermissionDenied, match="只有热线中心"):
        dispatch.extension_decide(extension=extension, actor=handler_in_dept, approve=True)


def test_extension_amount_is_bounded(dispatched, handler_in_dept):
    with pytest.raises(ValidationFailed) as caught:
        dispatch.extension_request(ticket=dispatched, actor=handler_in_dept, amount=99, reason="理由")
    assert caught.value.fields == {"amount": "延期时长应为 1 至 15"}


def test_second_pending_extension_is_refused(dispatched, handler_in_dept):
    dispatch.extension_request(ticket=dispatched, actor=handler_in_dept, amount=2, reason="理由")
    with pytest.raises(ValidationFailed, match="已有待审核"):
        dispatch.extension_request(ticket=dispatched, actor=handler_in_dept, amount=2, reason="理由")


# --- 督办 --------------------------------------------------------------------------------------------------


def test_supervisor_urges_and_the_department_is_mailed(
    dispatched, supervisor_in_city, handler_in_dept, mailoutbox
):
    handler_in_dept.email = "edu@example.com"
    handler_in_dept.save()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        dispatch.ticket_urge(ticket=dispatched, actor=supervisor_in_city, comment="请加快办理")
    event = _events(dispatched, "ticket.urge").get()
    assert event.comment == "请加快办理"
    assert [m.to for m in mailoutbox] == [["edu@example.com"]]
    assert dispatched.number in mailoutbox[0].subject


def test_handling_department_cannot_urge(dispatched, handler_in_dept):
    with pytest.raises(PermissionDenied, match="无权督办"):
        dispatch.ticket_urge(ticket=dispatched, actor=handler_in_dept, comment="催一下")


# --- 并单 and referral -----------------------------------------------------------------------------------


def test_merge_closes_the_duplicate_pointing_to_the_main(make_ticket, agent_in_centre):
    main, duplicate = make_ticket(), make_ticket()
    merge = dispatch.ticket_merge(duplicate=duplicate, main=main, actor=agent_in_centre)
    duplicate.refresh_from_db()
    assert (duplicate.status, merge.main) == (Status.CLOSED, main)
    assert _events(duplicate, "ticket.merge").get().data == {"main": main.pk}
    assert _events(main, "ticket.merged_from").count() == 1


def test_merge_into_a_closed_ticket_is_refused(make_ticket, agent_in_centre):
    main, duplicate = make_ticket(), make_ticket()
    services.ticket_answer(ticket=main, actor=agent_in_centre, reply="已答复")
    with pytest.raises(ValidationFailed, match="主工单已办结"):
        dispatch.ticket_merge(duplicate=duplicate, main=main, actor=agent_in_centre)
    assert not TicketMerge.objects.exists()


def test_dispatched_ticket_cannot_be_merged_by_the_centre(dispatched, make_ticket, agent_in_centre):
    with pytest.raises((InvalidTransition, PermissionDenied)):
        dispatch.ticket_merge(duplicate=dispatched, main=make_ticket(), actor=agent_in_centre)


def test_emergency_is_referred_to_its_number(make_ticket, agent_in_centre):
    ticket = make_ticket(description="小区楼道着火冒烟了，有人被困")
    referral = dispatch.ticket_refer(ticket=ticket, actor=agent_in_centre, channel=ReferralChannel.FIRE)
    ticket.refresh_from_db()
    assert (ticket.status, referral.channel) == (Status.DECLINED, "119")
    assert _events(ticket, "ticket.decline").get().data == {"channel": "119"}


def test_foi_matter_points_to_the_application_page(make_ticket, agent_in_centre):
    assert dispatch.referral_channel_url(ReferralChannel.FOI) == "/foi/apply/"


def test_unknown_referral_channel_is_refused(make_ticket, agent_in_centre):
    with pytest.raises(ValidationFailed, match="请选择转至的渠道"):
        dispatch.ticket_refer(ticket=make_ticket(), actor=agent_in_centre, channel="999")


# --- return visit -----------------------------------------------------------------------------------------


def test_dissatisfied_return_visit_reopens_to_the_department(
    dispatched, handler_in_dept, agent_in_centre, education
):
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已修复")
    services.ticket_return_visit(
        ticket=dispatched, actor=agent_in_centre, satisfaction="dissatisfied", solved=False
    )
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation, dispatched.satisfaction) == (
        Status.DISPATCHED,
        education,
        "dissatisfied",
    )
