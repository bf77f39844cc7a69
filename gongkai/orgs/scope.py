"""Permissions by organisation scope: the only place that decides who may do what to which record.

A role is held in an organisation (``Membership``). It reaches that organisation and, only when the
membership says ``includes_subunits``, the organisations below it — never a sibling or a parent.
Two questions are answered here: ``can(user, perm, organisation)`` and ``restrict(qs, user, perm)``;
the rest builds on them: ``get_for_user_or_404`` for views, the reach rules for granting roles and
managing accounts (``membership_reach_error``, ``staff_account_manage_error``) and who may use the
review tools (``can_use_review_tools``). Services call the ``require_*`` functions, which raise
``PermissionDenied``.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from gongkai.core.errors import PermissionDenied
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


def holds_anywhere(user: User, perm: str) -> bool:
    """Does ``user`` hold ``perm`` in at least one active organisation? From the cached grants, no query."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    direct, subtrees = _reach(user, perm)
    return bool(direct or subtrees)


def organisations_for(user: User, perm: str) -> QuerySet[Organisation]:
    """The active organisations in which the user may exercise ``perm`` (for choice lists)."""
    return restrict(Organisation.objects.filter(is_active=True), user, perm, field="")


def get_for_user_or_404(
    qs: QuerySet[M], user: User, perm: str, *, field: str = "organisation", **lookup: object
) -> M:
    """The object of ``qs`` matching ``lookup`` if it is in the user's scope for ``perm``, else ``Http404``.

    Missing and out-of-scope objects get the same answer, so a 404 does not reveal that a record exists
    (STYLE.md, "Permissions by organisation scope"). ``field`` is as in ``restrict``.
    """
    return get_object_or_404(restrict(qs, user, perm, field=field), **lookup)


def roles_granting(perm: str) -> list[str]:
    return [role for role, perms in ROLE_PERMS.items() if perm in perms]


# --- Managing the tree, roles and accounts (``Perm.ORG_MANAGE``) ----------------------------------------


def require_manage(actor: User, organisation: Organisation) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` manages ``organisation`` (``Perm.ORG_MANAGE``)."""
    if not can(actor, Perm.ORG_MANAGE, organisation):
        raise PermissionDenied(
            gettext("您无权管理“%(name)s”") % {"name": organisation.name},
            detail="Organisation is outside your scope",
            code="orgs.forbidden",
        )


def require_create_under(actor: User, parent: Organisation | None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may create an organisation under ``parent``.

    A sub-organisation needs ``Perm.ORG_MANAGE`` on its parent; a top-level one (no parent) a superuser.
    """
    # A top-level organisation is outside every role's reach.
    if parent is None and not is_superuser(actor):
        raise PermissionDenied(
            gettext("只有超级管理员才能创建顶层机构"),
            detail="Only superusers create top-level organisations",
            code="orgs.superuser_required",
        )
    # A sub-organisation: the actor must manage its parent.
    if parent is not None:
        require_manage(actor, parent)


def membership_reach_error(*, actor: User, organisation: Organisation, includes_subunits: bool) -> str | None:
    """Why ``actor`` may not grant or revoke a role in ``organisation`` (in Chinese), or None when it may.

    No privilege beyond one's own reach (issue "Openness office admin"): a role may be granted or taken
    away only in an organisation the actor manages (``Perm.ORG_MANAGE``); a role that reaches sub-units
    — an administrator's above all — only by someone whose own ORG_MANAGE reaches the sub-units of that
    organisation (an administrator role with sub-units held in it or above it). Otherwise a department
    administrator could mint an administrator over units they do not manage themselves.
    """
    # Superusers are unrestricted, as in ``can``.
    if is_superuser(actor):
        return None
    # The organisation itself must be managed by the actor.
    if not can(actor, Perm.ORG_MANAGE, organisation):
        return gettext("您无权管理“%(name)s”的人员") % {"name": organisation.name}
    # A role reaching sub-units needs the actor's own reach over the same sub-units.
    _, subtrees = _reach(actor, Perm.ORG_MANAGE)
    if includes_subunits and not any(organisation.path.startswith(path) for path in subtrees):
        return gettext("含下级单位：只有本身对“%(name)s”及其下级单位有管理权限的管理员才能授予或撤销") % {
            "name": organisation.name
        }
    return None


def require_membership_reach(
    *, actor: User, organisation: Organisation, includes_subunits: bool, field: str | None = None
) -> None:
    """Raise ``PermissionDenied`` when ``membership_reach_error`` gives a reason (on ``field`` if named)."""
    error = membership_reach_error(
        actor=actor, organisation=organisation, includes_subunits=includes_subunits
    )
    if error:
        raise PermissionDenied(
            error, detail="Role is beyond your reach", code="orgs.role_beyond_reach", field=field
        )


def staff_account_manage_error(*, actor: User, account: AbstractBaseUser) -> str | None:
    """Why ``actor`` may not deactivate ``account`` or issue it a set-password link, or None when it may.

    Both acts hand over or take away everything the account can do, so the actor must reach every role
    the account holds (``membership_reach_error`` for each). Superuser and Django-staff accounts are
    managed by superusers only; an account with no role is out of everyone's scope but a superuser's.
    """
    # Superusers are unrestricted.
    if is_superuser(actor):
        return None
    # System accounts (superuser, Django staff) are a superuser's business.
    if account.is_superuser or account.is_staff:
        return gettext("系统管理员账号只能由超级管理员管理")
    memberships = list(Membership.objects.filter(user_id=account.pk).select_related("organisation"))
    # An account with no role is in no administrator's scope.
    if not memberships:
        return gettext("该账号没有任何岗位，只能由超级管理员管理")
    # Every role the account holds must be within the actor's reach.
    for membership in memberships:
        error = membership_reach_error(
            actor=actor, organisation=membership.organisation, includes_subunits=membership.includes_subunits
        )
        if error:
            return gettext("该账号还在您管理范围之外担任岗位（%(org)s · %(role)s），请联系上级管理员") % {
                "org": membership.organisation.name,
                "role": membership.get_role_display(),
            }
    return None


def require_staff_account_manage(*, actor: User, account: AbstractBaseUser) -> None:
    """Raise ``PermissionDenied`` when ``staff_account_manage_error`` gives a reason."""
    error = staff_account_manage_error(actor=actor, account=account)
    if error:
        raise PermissionDenied(error, detail="Account is beyond your reach", code="orgs.account_beyond_reach")


# --- Review tools ----------------------------------------------------------------------------------------


def can_use_review_tools(user: User) -> bool:
    """May ``user`` use the review tools (去标识化)? Staff only: screening text is back-office work (task 26)."""
    return is_staff_member(user)


def can_change(user: User, record: models.Model) -> bool:
    """May ``user`` change ``record`` (edit it, attach to it, propose a revision of it) in its present state?

    The record states which permission a change needs now (``record.change_perm``: e.g. 起草 for a draft or for
    a revision of a public record, ``None`` while it is under review or withdrawn); scope decides whether the
    user holds that permission in the record's organisation.
    """
    perm = record.change_perm
    # A record in a state that nobody may change.
    if perm is None:
        return False
    # The permission that state needs, in the record's own organisation (or above it, with sub-units).
    return can(user, perm, record.organisation)


def require_review_tools(user: User) -> None:
    """Raise ``PermissionDenied`` (``review.forbidden``) unless ``can_use_review_tools``."""
    if not can_use_review_tools(user):
        raise PermissionDenied(
            gettext("只有工作人员可以使用去标识化工具"),
            detail="Only staff members may use the de-identification tool",
            code="review.forbidden",
        )


__all__ = [
    "ROLE_PERMS",
    "Perm",
    "Role",
    "can",
    "can_change",
    "can_use_review_tools",
    "get_for_user_or_404",
    "holds_anywhere",
    "is_staff_member",
    "membership_reach_error",
    "organisations_for",
    "require_create_under",
    "require_manage",
    "require_membership_reach",
    "require_review_tools",
    "require_staff_account_manage",
    "restrict",
    "scope_q",
    "staff_account_manage_error",
]
