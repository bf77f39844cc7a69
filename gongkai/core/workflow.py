"""The state-machine core (状态机) that every workflow-managed record shares.

An app declares one :class:`Machine` for a model: its table of legal moves (``(from status, action) → Move``),
the checks a move must pass beyond role and state (guards), what a move changes besides the status
(``prepare``), what it does to other rows in the same transaction (``effects``), and which earlier act a move
must not be made by the same person (separation of duties). :meth:`Machine.apply` is then the only way to change
that model's status: it locks the row, checks the from-state, the actor's scope (``orgs.scope.can`` on the
record's organisation), the comment and the guard, sets the status, writes the audit event
(``<entity>.<action>``, who, when, from, to, comment) in the same transaction, and queues the hooks that other
apps subscribed with :meth:`Machine.on_commit` (search index, caches, notifications) to run after commit.

Records (``documents.workflow``), interpretations and pending revisions use it; FOI applications, hotline tickets
and consultations will declare machines of their own (STYLE §2 "State machines").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from gongkai.orgs.models import Organisation

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Move:
    """One legal move: the status it leads to, the permission it needs in the record's organisation, its label."""

    target: str
    perm: str
    label: str
    needs_comment: bool = False


@dataclass(frozen=True)
class Separation:
    """Separation of duties: ``action`` may not be made by whoever made the latest ``prior`` act on the record.

    ``waived`` (optional) answers True when the record's organisation allows one person to do both, e.g. an
    organisation whose publisher may publish what they approved themselves.
    """

    prior: str
    message: str
    waived: Callable[[Any], bool] | None = None


# A guard checks the locked row before the move (raises ValidationFailed); ``prepare`` changes the row's own
# fields and returns their names; an effect acts on other rows inside the transaction; a hook runs after commit.
Guard = Callable[[Any, Any], None]
Prepare = Callable[[Any, str, Move], Iterable[str]]
Effect = Callable[[Any, AuditEvent, Any], None]
Hook = Callable[[Any, AuditEvent], None]


@dataclass
class Machine(Generic[M]):
    """The workflow of one model: its moves, guards, effects and separation-of-duties rules.

    ``app`` prefixes error codes (``documents.invalid_transition``); ``entity`` prefixes audit actions
    (``document.publish``). ``organisation`` gives the organisation whose scope decides who may move a record.
    ``form_actions`` are moves made through a form of their own, so they are not offered as buttons.
    """

    model: type[M]
    app: str
    entity: str
    transitions: dict[tuple[str, str], Move]
    guards: dict[str, Guard] = field(default_factory=dict)
    prepare: dict[str, Prepare] = field(default_factory=dict)
    effects: dict[str, Effect] = field(default_factory=dict)
    separation: dict[str, Separation] = field(default_factory=dict)
    form_actions: frozenset[str] = frozenset()
    status_field: str = "status"
    organisation: Callable[[M], Organisation] = lambda obj: obj.organisation
    select_related: tuple[str, ...] = ("organisation",)
    _hooks: list[tuple[str, Hook]] = field(default_factory=list, repr=False)
    _subscribed_effects: list[tuple[str, Effect]] = field(default_factory=list, repr=False)
    _subscribed_guards: list[tuple[str, Guard]] = field(default_factory=list, repr=False)
    _subscribed_prepares: list[tuple[str, Prepare]] = field(default_factory=list, repr=False)

    # --- reading the table ---------------------------------------------------------------------------------

    @property
    def actions(self) -> set[str]:
        return {action for _source, action in self.transitions}

    def audit_action(self, action: str) -> str:
        """The audit name of a move: ``<entity>.<action>``."""
        return f"{self.entity}.{action}"

    def move(self, status: str, action: str) -> Move | None:
        return self.transitions.get((status, action))

    def available_actions(self, obj: M, user: Any) -> list[tuple[str, Move]]:
        """The button moves ``user`` may make on ``obj`` now; guards are checked only when a move is applied."""
        from gongkai.orgs.scope import can

        status = getattr(obj, self.status_field)
        organisation = self.organisation(obj)
        return [
            (action, move)
            for (source, action), move in self.transitions.items()
            if source == status and action not in self.form_actions and can(user, move.perm, organisation)
        ]

    # --- subscribing -----------------------------------------------------------------------------------------

    def on_commit(self, action: str, hook: Hook) -> Hook:
        """Run ``hook(obj, event)`` after the transaction of every ``action`` move commits (``"*"``: every move).

        For side effects owned by other apps (search index, page cache, notifications): they never run for a
        move that was rolled back, and a failing hook is logged, not raised into the request that made the move.
        """
        self._hooks.append((action, hook))
        return hook

    def remove_hook(self, hook: Hook) -> None:
        self._hooks = [(action, h) for action, h in self._hooks if h is not hook]

    def in_transaction(self, action: str, effect: Effect) -> Effect:
        """Run ``effect(obj, event, actor)`` inside the transaction of every ``action`` move (``"*"``: every move),
        after the machine's own effect.

        For rows another app must write if and only if the move happens (the publication log): a raise rolls the
        move back with it. Side effects that may fail on their own belong in :meth:`on_commit`.
        """
        self._subscribed_effects.append((action, effect))
        return effect

    def add_guard(self, action: str, guard: Guard) -> Guard:
        """Check ``guard(obj, actor)`` on the locked row of every ``action`` move (``"*"``: every move), after the
        machine's own guard; a ``ValidationFailed`` refuses the move (pre-publication screening, ``screening``)."""
        self._subscribed_guards.append((action, guard))
        return guard

    def add_prepare(self, action: str, prepare: Prepare) -> Prepare:
        """Run ``prepare(obj, source, move)`` before the row of every ``action`` move is saved, after the machine's
        own ``prepare``; it returns the names of the row's fields it changed. For changes another app makes to
        what the move publishes (the masked body), so that the effects after it see them."""
        self._subscribed_prepares.append((action, prepare))
        return prepare

    def remove_subscriber(self, subscriber: Callable[..., Any]) -> None:
        """Forget ``subscriber`` wherever it was subscribed (guard, prepare, effect or hook)."""
        self._subscribed_guards = [(a, g) for a, g in self._subscribed_guards if g is not subscriber]
        self._subscribed_prepares = [(a, p) for a, p in self._subscribed_prepares if p is not subscriber]
        self._subscribed_effects = [(a, e) for a, e in self._subscribed_effects if e is not subscriber]
        self._hooks = [(a, h) for a, h in self._hooks if h is not subscriber]

    # --- the one way to change status ----------------------------------------------------------------------

    def apply(
        self,
        obj: M,
        action: str,
        *,
        actor: AbstractBaseUser | None,
        comment: str = "",
        data: dict[str, Any] | None = None,
    ) -> AuditEvent:
        """Make ``action`` on ``obj`` as ``actor`` (``None`` = the system, e.g. scheduled publishing).

        Locks the row, checks the from-state, the actor's scope, the comment, separation of duties and the
        move's guard, sets the status (and what ``prepare`` changes), writes the audit event and runs the
        effects, all in one transaction; queues the subscribed hooks for after commit. ``obj`` is updated in
        place with the new status. Raises ``InvalidTransition`` (409), ``PermissionDenied`` (403),
        ``ValidationFailed`` (400) or ``NotFound`` (404).
        """
        from gongkai.orgs.scope import can

        with transaction.atomic():
            locked = (
                self.model._default_manager.select_for_update()
                .select_related(*self.select_related)
                .filter(pk=obj.pk)
                .first()
            )
            if locked is None:
                raise NotFound(
                    gettext("记录不存在"), detail=f"{self.entity} not found", code=f"{self.app}.not_found"
                )
            source = getattr(locked, self.status_field)
            move = self.transitions.get((source, action))
            if move is None:
                raise InvalidTransition(
                    gettext("“%(status)s”状态不能执行该操作")
                    % {"status": _status_label(locked, self.status_field)},
                    detail=f"Cannot {action} a {self.entity} in status {source}",
                    code=f"{self.app}.invalid_transition",
                )
            if actor is not None and not can(actor, move.perm, self.organisation(locked)):
                raise PermissionDenied(
                    gettext("您没有该操作的权限"),
                    detail=f"Not allowed to {action} this {self.entity}",
                    code=f"{self.app}.forbidden",
                )
            if move.needs_comment and not comment.strip():
                raise ValidationFailed(
                    gettext("“%(action)s”须填写意见或理由") % {"action": move.label},
                    detail=f"A comment is required to {action}",
                    code=f"{self.app}.comment_required",
                    field="comment",
                )
            if actor is not None:
                self._check_separation(locked, action, actor)
            guard = self.guards.get(action)
            if guard is not None:
                guard(locked, actor)
            for guard_action, subscribed_guard in self._subscribed_guards:
                if guard_action in (action, "*"):
                    subscribed_guard(locked, actor)
            setattr(locked, self.status_field, move.target)
            update = {self.status_field}
            prepare = self.prepare.get(action)
            if prepare is not None:
                update.update(prepare(locked, source, move))
            for prepare_action, subscribed_prepare in self._subscribed_prepares:
                if prepare_action in (action, "*"):
                    update.update(subscribed_prepare(locked, source, move))
            if any(f.name == "updated_at" for f in self.model._meta.concrete_fields):
                update.add("updated_at")
            locked.save(update_fields=sorted(update))
            event = record_audit(
                locked,
                action=self.audit_action(action),
                actor=actor,
                comment=comment.strip(),
                from_status=source,
                to_status=move.target,
                data=data,
            )
            effect = self.effects.get(action)
            if effect is not None:
                effect(locked, event, actor)
            for effect_action, subscribed in self._subscribed_effects:
                if effect_action in (action, "*"):
                    subscribed(locked, event, actor)
            for hook_action, hook in self._hooks:
                if hook_action in (action, "*"):
                    transaction.on_commit(_safe(hook, locked, event))
        for name in update:
            setattr(obj, name, getattr(locked, name))
        return event

    def _check_separation(self, locked: M, action: str, actor: AbstractBaseUser) -> None:
        rule = self.separation.get(action)
        if rule is None:
            return
        latest = (
            AuditEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=str(locked.pk),
                action=self.audit_action(rule.prior),
            )
            .order_by("-created_at", "-id")
            .values_list("actor_id", flat=True)
            .first()
        )
        if latest is None or latest != actor.pk:
            return
        if rule.waived is not None and rule.waived(locked):
            return
        raise PermissionDenied(
            rule.message,
            detail=f"The same person may not {rule.prior} and {action} a {self.entity}",
            code=f"{self.app}.separation_of_duties",
        )


def _status_label(obj: models.Model, status_field: str) -> str:
    display = getattr(obj, f"get_{status_field}_display", None)
    return str(display()) if display else str(getattr(obj, status_field))


def _safe(hook: Hook, obj: Any, event: AuditEvent) -> Callable[[], None]:
    def run() -> None:
        try:
            hook(obj, event)
        except Exception:  # a subscriber's failure must not turn a committed move into an error page
            logger.exception("workflow hook %s failed for %s", getattr(hook, "__name__", hook), event.action)

    return run
