"""Permissions by organisation scope: the only place that decides who may do what to which record.

A role is held in an organisation (``Membership``). It reaches that organisation and, only when the
membership says ``includes_subunits``, the organisations below it — never a sibling or a parent.
Two questions are answered here: ``can(user, perm, organisation)`` and ``restrict(qs, user, perm)``.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet

from gongkai.orgs.models import Membership, Organisation, Role


class Perm(models.TextChoices):
    DOCUMENT_VIEW = "document.view", "查看未公开信息"
    DOCUMENT_EDIT = "document.edit", "起草和修改"
    DOCUMENT_REVIEW = "document.review", "审核"
    DOCUMENT_PUBLISH = "document.publish", "发布"
    ORG_MANAGE = "org.manage", "管理机构和人员"
    FOI_HANDLE = "foi.handle", "办理依申请公开"
    TICKET_HANDLE = "ticket.handle", "办理热线工单"
    TICKET_DISPATCH = "ticket.dispatch", "热线派单"
    SUPERVISE = "supervise", "督办"


ROLE_PERMS: dict[str, frozenset[str]] = {
    Role.EDITOR: frozenset({Perm.DOCUMENT_VIEW, Perm.DOCUMENT_EDIT}),
    Role.REVIEWER: frozenset({Perm.DOCUMENT_VIEW, Perm.DOCUMENT_REVIEW}),
    Role.PUBLISHER: frozenset({Perm.DOCUMENT_VIEW, Perm.DOCUMENT_PUBLISH}),
    Role.FOI_HANDLER: frozenset({Perm.FOI_HANDLE}),
    Role.HOTLINE_AGENT: frozenset({Perm.TICKET_HANDLE}),
    Role.DISPATCHER: frozenset({Perm.TICKET_HANDLE, Perm.TICKET_DISPATCH}),
    Role.SUPERVISOR: frozenset({Perm.DOCUMENT_VIEW, Perm.SUPERVISE}),
    Role.ADMIN: frozenset(Perm.values),
}

M = TypeVar("M", bound=models.Model)
User = AbstractBaseUser | AnonymousUser


def _grants(user: User) -> list[tuple[str, int, str, bool]]:
    """(role, organisation id, organisation path, includes_subunits) for the user, cached on the user object."""
    cached = getattr(user, "_gongkai_grants", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user_id=user.pk, user__is_active=True, organisation__is_active=True)
            .values_list("role", "organisation_id", "organisation__path", "includes_subunits")
            .order_by()
        )
        user._gongkai_grants = cached
    return cached


def is_superuser(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_staff_member(user: User) -> bool:
    """Staff (工作人员): a superuser, a Django staff user, or anyone holding a role in an organisation."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.is_staff or _grants(user))


def can(user: User, perm: str, organisation: Organisation | None) -> bool:
    """May ``user`` exercise ``perm`` on records owned by ``organisation``?"""
    if organisation is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    for role, org_id, org_path, includes_subunits in _grants(user):
        if perm not in ROLE_PERMS.get(role, ()):
            continue
        # The role's own organisation.
        if org_id == organisation.pk:
            return True
        # A sub-unit, when the role reaches sub-units; siblings never share a path prefix.
        if includes_subunits and organisation.path.startswith(org_path):
            return True
    return False


def _reach(user: User, perm: str) -> tuple[set[int], list[str]]:
    """The organisation ids the user reaches directly and the paths whose whole subtree it reaches."""
    direct: set[int] = set()
    subtrees: list[str] = []
    for role, org_id, org_path, includes_subunits in _grants(user):
        if perm not in ROLE_PERMS.get(role, ()):
            continue
        if includes_subunits:
            subtrees.append(org_path)
        else:
            direct.add(org_id)
    return direct, subtrees


def scope_q(user: User, perm: str, *, field: str = "organisation") -> Q | None:
    """A filter for records whose ``field`` organisation is in the user's scope for ``perm``.

    ``field=""`` filters the Organisation table itself. Returns ``None`` when the user is unrestricted
    (superuser) and an always-false Q when nothing is in scope.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    direct, subtrees = _reach(user, perm)
    prefix = f"{field}__" if field else ""
    q = Q(**{f"{prefix}pk__in": sorted(direct)})
    for org_path in subtrees:
        q |= Q(**{f"{prefix}path__startswith": org_path})
    return q


def restrict(qs: QuerySet[M], user: User, perm: str, *, field: str = "organisation") -> QuerySet[M]:
    """Only the rows of ``qs`` whose organisation the user may exercise ``perm`` on."""
    q = scope_q(user, perm, field=field)
    return qs if q is None else qs.filter(q)


def organisations_for(user: User, perm: str) -> QuerySet[Organisation]:
    """The active organisations in which the user may exercise ``perm`` (for choice lists)."""
    return restrict(Organisation.objects.filter(is_active=True), user, perm, field="")


def roles_granting(perm: str) -> list[str]:
    return [role for role, perms in ROLE_PERMS.items() if perm in perms]


__all__ = ["ROLE_PERMS", "Perm", "Role", "can", "is_staff_member", "organisations_for", "restrict", "scope_q"]
