"""Granting and revoking roles (岗位) in the organisation tree; each atomic and audited.

``actor`` is the person acting, held to the reach rule (``scope.membership_reach_error``); ``None``
means the system itself (management commands, the demo loader), which is not scope-checked.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import ValidationFailed
from gongkai.orgs.models import Membership, Organisation, Role
from gongkai.orgs.scope import ROLE_PERMS, Perm, require_membership_reach


@transaction.atomic
def membership_grant(
    *,
    user: AbstractBaseUser,
    organisation: Organisation,
    role: str,
    includes_subunits: bool = False,
    actor: AbstractBaseUser | None,
) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (idempotent; updates the sub-unit reach).

    An actor must reach the role (``scope.membership_reach_error``). Re-granting an existing role
    without sub-units narrows it, which is as much beyond a narrower actor's reach as revoking it, so
    the existing reach counts too. Deactivated accounts and organisations get no new roles.
    """
    if role not in Role.values:
        raise ValidationFailed(
            gettext("未知的角色：%(role)s") % {"role": role},
            detail=f"Unknown role {role!r}",
            field="role",
        )
    if actor is not None:
        existing_subunits = Membership.objects.filter(
            user_id=user.pk, organisation=organisation, role=role, includes_subunits=True
        ).exists()
        require_membership_reach(
            actor=actor,
            organisation=organisation,
            includes_subunits=includes_subunits or existing_subunits,
            field="includes_subunits",
        )
    if not user.is_active:
        raise ValidationFailed(
            gettext("用户名：账号 %(username)s 已停用，不能授予角色") % {"username": user.get_username()},
            detail="Account is deactivated",
            field="username",
        )
    if not organisation.is_active:
        raise ValidationFailed(
            gettext("机构“%(name)s”已停用，不能授予角色") % {"name": organisation.name},
            detail="Organisation is deactivated",
        )
    membership, created = Membership.objects.update_or_create(
        user=user, organisation=organisation, role=role, defaults={"includes_subunits": includes_subunits}
    )
    record_audit(
        membership,
        action="membership.grant" if created else "membership.update",
        actor=actor,
        data={
            "user": user.pk,
            "organisation": organisation.code,
            "role": role,
            "subunits": includes_subunits,
        },
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: AbstractBaseUser | None) -> None:
    """Take a role away; the audit keeps who held it.

    An actor must reach the role, and may not revoke their own administrator role (it would lock them
    out mid-task; another administrator does it).
    """
    if actor is not None:
        require_membership_reach(
            actor=actor, organisation=membership.organisation, includes_subunits=membership.includes_subunits
        )
        if membership.user_id == actor.pk and Perm.ORG_MANAGE in ROLE_PERMS.get(membership.role, ()):
            raise ValidationFailed(
                gettext("不能撤销您本人的管理员角色，请由其他管理员办理"),
                detail="Cannot revoke your own admin role",
            )
    record_audit(
        membership,
        action="membership.revoke",
        actor=actor,
        data={
            "user": membership.user_id,
            "organisation": membership.organisation_id,
            "role": membership.role,
        },
    )
    membership.delete()
