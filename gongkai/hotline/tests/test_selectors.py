"""Who sees which ticket and whose contact (orgs.scope): a department only what was dispatched to it."""

from __future__ import annotations

import pytest

from gongkai.core.errors import NotFound
from gongkai.hotline import services
from gongkai.hotline.selectors import can_see_contact, ticket_get_for_user, ticket_list_visible

pytestmark = pytest.mark.django_db


def test_department_sees_only_tickets_dispatched_to_it(dispatched, make_ticket, handler_in_dept):
    make_ticket()  # still at the centre
    assert list(ticket_list_visible(handler_in_dept)) == [dispatched]


def test_centre_agent_sees_every_ticket_it_took(dispatched, make_ticket, agent_in_centre):
    other = make_ticket()
    assert set(ticket_list_visible(agent_in_centre)) == {dispatched, other}


def test_sibling_department_gets_not_found(dispatched, handler_in_sibling):
    with pytest.raises(NotFound, match="工单不存在"):
        ticket_get_for_user(handler_in_sibling, dispatched.pk)


def test_department_loses_a_ticket_redispatched_elsewhere(
    dispatched, handler_in_dept, dispatcher_in_centre, finance, handler_in_sibling
):
    services.ticket_send_back(ticket=dispatched, actor=handler_in_dept, reason="非本单位职责")
    services.ticket_dispatch(ticket=dispatched, organisation=finance, actor=dispatcher_in_centre)
    assert list(ticket_list_visible(handler_in_dept)) == []
    assert list(ticket_list_visible(handler_in_sibling)) == [dispatched]


def test_supervisor_over_the_city_sees_tickets_but_not_the_contact(dispatched, supervisor_in_city):
    assert ticket_get_for_user(supervisor_in_city, dispatched.pk) == dispatched
    assert not can_see_contact(supervisor_in_city, dispatched)


def test_centre_and_handling_department_see_the_contact(dispatched, agent_in_centre, handler_in_dept):
    assert can_see_contact(agent_in_centre, dispatched)
    assert can_see_contact(handler_in_dept, dispatched)


def test_sibling_and_editor_do_not_see_the_contact(dispatched, handler_in_sibling, editor_in_dept):
    assert not can_see_contact(handler_in_sibling, dispatched)
    assert not can_see_contact(editor_in_dept, dispatched)


def test_editor_in_the_handling_department_sees_no_tickets(dispatched, editor_in_dept):
    """Roles without ticket.handle (a document editor) see nothing, even in the handling department."""
    assert list(ticket_list_visible(editor_in_dept)) == []
