"""``core.workflow.Machine.add_guard`` and ``add_prepare``: what screening subscribes to the records' workflow."""

from __future__ import annotations

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.documents.models import Status
from gongkai.documents.workflow import document_machine


@pytest.fixture
def subscribed():
    added = []

    def add(kind, action, function):
        getattr(document_machine, kind)(action, function)
        added.append(function)

    yield add
    for function in added:
        document_machine.remove_subscriber(function)


def test_subscribed_guard_refuses_the_move_and_leaves_the_status(subscribed, draft_factory, editor_in_dept):
    def refuse(doc, actor):
        raise ValidationFailed("不行", code="test.refused")

    subscribed("add_guard", "submit", refuse)
    doc = draft_factory()
    with pytest.raises(ValidationFailed, match="不行"):
        document_machine.apply(doc, "submit", actor=editor_in_dept)
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT


def test_subscribed_prepare_changes_the_row_before_the_effects_see_it(
    subscribed, draft_factory, editor_in_dept
):
    seen = []

    def retitle(doc, source, move):
        doc.title = "改过的标题"
        return ["title"]

    subscribed("add_prepare", "submit", retitle)
    subscribed("in_transaction", "submit", lambda doc, event, actor: seen.append(doc.title))
    doc = draft_factory()
    document_machine.apply(doc, "submit", actor=editor_in_dept)
    doc.refresh_from_db()
    assert doc.title == "改过的标题"
    assert seen == ["改过的标题"]
