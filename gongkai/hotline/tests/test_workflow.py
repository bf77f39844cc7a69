"""The ticket machine: every move, who may make it, and what it refuses (R3.4, R3.2)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.hotline import services, workflow
from gongkai.hotline.models import Satisfaction, Status, Ticket

pytestmark = pytest.mark.django_db


def _actions(ticket: Ticket) -> list[tuple[str, str, str]]:
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket), object_id=str(ticket.pk)
    ).order_by("created_at", "id")
    return [(e.action, e.from_status, e.to_status) for e in events]


def test_full_loop_is_audited_move_by_move(
    make_ticket, dispatcher_in_centre, handler_in_dept, agent_in_centre, education
):
    ticket = make_ticket()
    services.ticket_dispatch(ticket=ticket, organisation=education, actor=dispatcher_in_centre)
    services.ticket_accept(ticket=ticket, actor=handler_in_dept)
    services.ticket_reply(ticket=ticket, actor=handler_in_dept, reply="已于当日修复。")
    services.ticket_return_visit(
        ticket=ticket, actor=agent_in_centre, satisfaction=Satisfaction.SATISFIED, solved=True
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    assert (ticket.satisfaction, ticket.solved, ticket.reply) == ("satisfied", True, "已于当日修复。")
    assert _actions(ticket) == [
        ("ticket.create", "", "received"),
        ("ticket.dispatch", "received", "dispatched"),
        ("ticket.accept", "dispatched", "accepted"),
        ("ticket.reply", "accepted", "replied"),
        ("ticket.close", "replied", "closed"),
    ]


def test_dispatch_sets_the_department(dispatched, education):
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation_id) == (Status.DISPATCHED, education.pk)
    assert dispatched.dispatched_at is not None


def test_agent_without_dispatch_permission_cannot_dispatch(make_ticket, agent_in_centre, education):
    ticket = make_ticket()
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.ticket_dispatch(ticket=ticket, organisation=education, actor=agent_in_centre)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.organisation_id) == (Status.RECEIVED, None)


def test_department_handler_cannot_dispatch_the_centres_ticket(make_ticket, handler_in_dept, education):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.ticket_dispatch(ticket=make_ticket(), organisation=education, actor=handler_in_dept)


def test_dispatch_to_the_centre_itself_is_refused(make_ticket, dispatcher_in_centre, centre):
    with pytest.raises(ValidationFailed, match="不能派给受理中心本身"):
        services.ticket_dispatch(ticket=make_ticket(), organisation=centre, actor=dispatcher_in_centre)


def test_handler_in_sibling_department_cannot_accept(dispatched, handler_in_sibling):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.ticket_accept(ticket=dispatched, actor=handler_in_sibling)


def test_centre_agent_cannot_accept_for_the_department(dispatched, agent_in_centre):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.ticket_accept(ticket=dispatched, actor=agent_in_centre)


def test_reply_before_accepting_is_an_invalid_transition(dispatched, handler_in_dept):
    with pytest.raises(InvalidTransition, match="已派单"):
        services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已处理")


def test_send_back_needs_a_reason(dispatched, handler_in_dept):
    with pytest.raises(ValidationFailed, match="须填写意见或理由"):
        services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="  ")


def test_send_back_then_redispatch_to_another_department(
    dispatched, handler_in_dept, dispatcher_in_centre, finance
):
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="路灯属城建局管理")
    assert dispatched.status == Status.SENT_BACK
    services.ticket_dispatch(
        ticket=dispatched, organisation=finance, actor=dispatcher_in_centre, comment="改派"
    )
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation_id) == (Status.DISPATCHED, finance.pk)
    assert _actions(dispatched)[-2:] == [
        ("ticket.send_back", "dispatched", "sent_back"),
        ("ticket.dispatch", "sent_back", "dispatched"),
    ]


def test_refused_send_back_returns_the_ticket_to_the_same_department(
    dispatched, handler_in_dept, dispatcher_in_centre, education
):
    due = dispatched.due_on
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="不属于本单位")
    services.ticket_send_back_refuse(
        ticket=dispatched, actor=dispatcher_in_centre, reason="属于派单目录所列职责"
    )
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation_id, dispatched.due_on) == (
        Status.DISPATCHED,
        education.pk,
        due,
    )


def test_dissatisfied_return_visit_reopens_to_the_same_department(
    dispatched, handler_in_dept, agent_in_centre, education
):
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已协调")
    services.ticket_return_visit(
        ticket=dispatched, actor=agent_in_centre, satisfaction=Satisfaction.DISSATISFIED, solved=False
    )
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation_id) == (Status.DISPATCHED, education.pk)
    assert (dispatched.satisfaction, dispatched.solved) == ("dissatisfied", False)
    assert _actions(dispatched)[-1] == ("ticket.reopen", "replied", "dispatched")


def test_department_cannot_make_the_return_visit(dispatched, handler_in_dept):
    """回访 is the centre's (R3.4: 北京 art. 23), never the handling department's."""
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已处理")
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.ticket_return_visit(
            ticket=dispatched, actor=handler_in_dept, satisfaction=Satisfaction.SATISFIED, solved=True
        )


def test_return_visit_with_unknown_satisfaction_is_refused(dispatched, agent_in_centre):
    with pytest.raises(ValidationFailed, match="请选择满意度"):
        services.ticket_return_visit(
            ticket=dispatched, actor=agent_in_centre, satisfaction="great", solved=True
        )


def test_closed_ticket_is_reopened_to_its_department(dispatched, handler_in_dept, agent_in_centre, education):
    services.ticket_accept(ticket=dispatched, actor=handler_in_dept)
    services.ticket_reply(ticket=dispatched, actor=handler_in_dept, reply="已处理")
    services.ticket_return_visit(
        ticket=dispatched, actor=agent_in_centre, satisfaction=Satisfaction.BASICALLY, solved=True
    )
    workflow.apply(dispatched, "reopen", actor=agent_in_centre, comment="市民再次来电反映未修好")
    dispatched.refresh_from_db()
    assert (dispatched.status, dispatched.organisation_id) == (Status.DISPATCHED, education.pk)


def test_ticket_answered_at_once_cannot_be_reopened_without_a_department(make_ticket, agent_in_centre):
    ticket = make_ticket()
    services.ticket_answer(ticket=ticket, actor=agent_in_centre, reply="办理地点在市政务服务中心二楼。")
    assert ticket.status == Status.CLOSED
    with pytest.raises(ValidationFailed, match="未派单"):
        workflow.apply(ticket, "reopen", actor=agent_in_centre, comment="市民再次来电")


def test_emergency_is_declined_with_the_referral_recorded(make_ticket, agent_in_centre):
    ticket = make_ticket(description="家中燃气泄漏，有刺鼻气味", urgency="urgent")
    services.ticket_decline(ticket=ticket, actor=agent_in_centre, reason="紧急警情，已转 119")
    assert ticket.status == Status.DECLINED
    assert _actions(ticket)[-1] == ("ticket.decline", "received", "declined")
