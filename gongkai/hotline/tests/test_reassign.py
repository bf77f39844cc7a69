"""改派 by the centre on its own initiative (issue 14): a dispatched or accepted ticket moves to another
organisation with a reason; audited, the old department loses it, the clock keeps running, counted apart."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.hotline import dispatch, reports, selectors, services
from gongkai.hotline.models import ExtensionStatus, Status, Ticket, TicketAssist
from gongkai.hotline.tests.conftest import SHANGHAI

pytestmark = pytest.mark.django_db


def _events(ticket, action):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket), object_id=str(ticket.pk), action=action
    )


@pytest.fixture
def dispatcher_in_dept(education):
    from gongkai.orgs.tests.factories import staff_in

    return staff_in(education, "dispatcher", username="edu-dispatcher")


def test_reassign_moves_a_dispatched_ticket_and_is_audited(
    dispatched, dispatcher_in_centre, education, finance
):
    dispatch.ticket_reassign(
        ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="属财政职责"
    )
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation) == (Status.DISPATCHED, finance)
    event = _events(dispatched, "ticket.reassign").get()
    assert event.actor == dispatcher_in_centre
    assert event.comment == "属财政职责"
    assert event.data == {"organisation": finance.pk, "from": education.pk}
    assert (event.from_status, event.to_status) == (Status.DISPATCHED, Status.DISPATCHED)


def test_accepted_ticket_goes_back_to_dispatched_for_the_new_department(
    dispatched, handler_in_dept, handler_in_sibling, dispatcher_in_centre, finance
):
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    dispatch.ticket_reassign(
        ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
    )
    dispatched.refresh_from_db()
    assert dispatched.status == Status.DISPATCHED
    services.ticket_accept(ticket=dispatched, actor=handler_in_sibling)  # the new 主办 signs for it
    assert dispatched.status == Status.ACCEPTED


def test_old_department_loses_the_ticket_and_the_new_one_gets_it(
    dispatched, handler_in_dept, handler_in_sibling, dispatcher_in_centre, finance
):
    assert selectors.ticket_list_visible(handler_in_dept).filter(pk=dispatched.pk).exists()
    assert not selectors.ticket_list_visible(handler_in_sibling).filter(pk=dispatched.pk).exists()
    dispatch.ticket_reassign(
        ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
    )
    assert not selectors.ticket_list_visible(handler_in_dept).filter(pk=dispatched.pk).exists()
    with pytest.raises(Exception) as exc:
        selectors.ticket_get_for_user(handler_in_dept, dispatched.pk)
    assert exc.value.code == "hotline.not_found"
    ticket = selectors.ticket_get_for_user(handler_in_sibling, dispatched.pk)
    assert selectors.can_see_contact(handler_in_sibling, ticket)
    assert not selectors.can_see_contact(handler_in_dept, ticket)
    with pytest.raises(PermissionDenied):
        services.ticket_accept(ticket=ticket, actor=handler_in_dept)


def test_the_clock_keeps_running_from_the_original_dispatch(
    make_ticket, dispatcher_in_centre, education, finance
):
    at = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)
    ticket = services.ticket_dispatch(
        ticket=make_ticket(), organisation=education, actor=dispatcher_in_centre, at=at
    )
    due_before = ticket.due_on
    dispatch.ticket_reassign(ticket=ticket, actor=dispatcher_in_centre, organisation=finance, reason="调整")
    ticket.refresh_from_db()
    assert ticket.dispatched_at == at
    assert ticket.due_on == due_before
    assert dispatch.ticket_deadline_full(ticket).due == due_before


def test_urgent_hour_limit_is_kept_too(make_ticket, dispatcher_in_centre, education, finance):
    ticket = make_ticket(urgency="urgent")
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
    due_before = Ticket.objects.get(pk=ticket.pk).due_at
    dispatch.ticket_reassign(ticket=ticket, actor=dispatcher_in_centre, organisation=finance, reason="调整")
    assert Ticket.objects.get(pk=ticket.pk).due_at == due_before


def test_pending_extension_of_the_old_department_lapses(
    dispatched, handler_in_dept, dispatcher_in_centre, finance
):
    extension = dispatch.extension_request(
        ticket=dispatched, actor=handler_in_dept, amount=2, reason="需勘查"
    )
    dispatch.ticket_reassign(
        ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
    )
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.REJECTED
    assert _events(dispatched, "ticket.extension_lapse").get().data == {"extensions": [extension.pk]}


def test_new_lead_is_no_longer_an_assist(dispatched, dispatcher_in_centre, finance):
    TicketAssist.objects.create(ticket=dispatched, organisation=finance)
    dispatch.ticket_reassign(
        ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
    )
    assert not TicketAssist.objects.filter(ticket=dispatched).exists()


@pytest.mark.parametrize("who", ["handler_in_dept", "dispatcher_in_dept", "agent_in_centre"])
def test_only_the_centre_dispatcher_may_reassign(request, dispatched, finance, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as exc:
        dispatch.ticket_reassign(ticket=dispatched, actor=actor, organisation=finance, reason="调整")
    assert exc.value.code == "hotline.forbidden"
    assert not dispatch.can_reassign(actor, dispatched)
    dispatched.refresh_from_db()
    assert dispatched.organisation_id != finance.pk
    assert not _events(dispatched, "ticket.reassign").exists()


def test_replied_ticket_cannot_be_reassigned(dispatched, handler_in_dept, dispatcher_in_centre, finance):
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已处理")
    assert not dispatch.can_reassign(dispatcher_in_centre, dispatched)
    with pytest.raises(InvalidTransition):
        dispatch.ticket_reassign(
            ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
        )


def test_received_and_sent_back_tickets_are_not_reassigned(
    make_ticket, dispatched, handler_in_dept, dispatcher_in_centre, finance
):
    with pytest.raises(InvalidTransition):
        dispatch.ticket_reassign(
            ticket=make_ticket(), actor=dispatcher_in_centre, organisation=finance, reason="调整"
        )
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="非本单位")
    with pytest.raises(InvalidTransition):  # a 退单 is reviewed instead (send_back_accept)
        dispatch.ticket_reassign(
            ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
        )


def test_reassign_needs_another_organisation_and_a_reason(
    dispatched, dispatcher_in_centre, education, centre
):
    with pytest.raises(ValidationFailed) as exc:
        dispatch.ticket_reassign(
            ticket=dispatched, actor=dispatcher_in_centre, organisation=education, reason=" "
        )
    assert exc.value.code == "hotline.invalid_reassign"
    assert exc.value.fields == {"organisation": "改派须选择另一承办单位", "reason": "请填写改派理由"}
    with pytest.raises(ValidationFailed) as exc:
        dispatch.ticket_reassign(
            ticket=dispatched, actor=dispatcher_in_centre, organisation=centre, reason="x"
        )
    assert exc.value.fields == {"organisation": "不能派给受理中心本身"}
    with pytest.raises(ValidationFailed) as exc:
        dispatch.ticket_reassign(ticket=dispatched, actor=dispatcher_in_centre, organisation=None, reason="x")
    assert exc.value.fields == {"organisation": "请选择改派的承办单位"}
    assert not _events(dispatched, "ticket.reassign").exists()


def test_dashboard_counts_reassign_apart_from_send_back(
    dispatched, dispatcher_in_centre, supervisor_in_city, education, finance
):
    dispatch.ticket_reassign(
        ticket=dispatched, actor=dispatcher_in_centre, organisation=finance, reason="调整"
    )
    today = timezone.localdate()
    period = reports.Period(today - datetime.timedelta(days=6), today)
    figures = reports.figures_compute(supervisor_in_city, period=period)
    rows, total = {f.organisation: f for f in figures[:-1]}, figures[-1]
    assert (rows[education].dispatches, rows[education].reassigned, rows[education].send_backs) == (1, 1, 0)
    assert rows[education].redispatched == 0 and rows[education].dispatch_accuracy == 1.0
    assert (rows[finance].dispatches, rows[finance].reassigned) == (1, 0)
    assert (total.dispatches, total.reassigned, total.send_backs) == (2, 1, 0)
    assert total.reassign_rate == pytest.approx(1 / 2)


# --- the staff page and the API ------------------------------------------------------------------------


def test_staff_page_offers_reassign_to_the_centre_only(
    client, dispatched, dispatcher_in_centre, handler_in_dept
):
    from django.urls import reverse

    url = reverse("staff:hotline_ticket_handle", args=[dispatched.pk])
    client.force_login(dispatcher_in_centre)
    assert 'value="reassign"' in client.get(url).content.decode()
    client.force_login(handler_in_dept)
    assert 'value="reassign"' not in client.get(url).content.decode()


def test_staff_form_reassigns_and_shows_chinese_errors(client, dispatched, dispatcher_in_centre, finance):
    from django.urls import reverse

    url = reverse("staff:hotline_ticket_handle_act", args=[dispatched.pk])
    client.force_login(dispatcher_in_centre)
    page = client.post(url, {"action": "reassign", "organisation": "", "comment": ""}, follow=True)
    text = page.content.decode()
    assert "请选择改派的承办单位" in text and "请填写改派理由" in text
    client.post(url, {"action": "reassign", "organisation": str(finance.pk), "comment": "属财政职责"})
    dispatched.refresh_from_db()
    assert dispatched.organisation == finance


def test_api_reassign(client, dispatched, dispatcher_in_centre, handler_in_dept, finance):
    url = f"/api/v1/hotline/desk/tickets/{dispatched.pk}/reassign"
    client.force_login(handler_in_dept)
    refused = client.post(
        url, {"organisation_id": finance.pk, "reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403
    client.force_login(dispatcher_in_centre)
    bad = client.post(url, {"organisation_id": finance.pk}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "hotline.invalid_reassign"
    assert bad.json()["fields"] == {"reason": "请填写改派理由"}
    done = client.post(
        url, {"organisation_id": finance.pk, "reason": "调整"}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    dispatched.refresh_from_db()
    assert dispatched.organisation == finance
