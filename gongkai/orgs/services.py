"""Writes to the organisation tree and staff roles; each is atomic and audited."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.core.audit import record_audit
from gongkai.core.errors import ValidationFailed
from gongkai.orgs.models import Membership, Organisation, OrgKind, Role

# Which kinds may sit under which (省 → 市 → 区县 → 部门 → 单位; 部门 also directly under 省/市).
ALLOWED_PARENT_KINDS: dict[str, set[str | None]] = {
    OrgKind.PROVINCE: {None},
    OrgKind.CITY: {None, OrgKind.PROVINCE},
    OrgKind.DISTRICT: {None, OrgKind.CITY},
    OrgKind.DEPARTMENT: {OrgKind.PROVINCE, OrgKind.CITY, OrgKind.DISTRICT, OrgKind.DEPARTMENT},
    OrgKind.UNIT: {OrgKind.CITY, OrgKind.DISTRICT, OrgKind.DEPARTMENT, OrgKind.UNIT},
}


def organisation_parent_error(kind: str, parent: Organisation | None) -> str | None:
    """Why ``kind`` may not sit under ``parent`` (in Chinese), or None when it may."""
    parent_kind = parent.kind if parent else None
    if parent_kind in ALLOWED_PARENT_KINDS.get(kind, set()):
        return None
    where = OrgKind(parent_kind).label if parent_kind else "顶层"
    return f"{OrgKind(kind).label}不能设在{where}之下"


@transaction.atomic
def organisation_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    actor: AbstractBaseUser | None = None,
    **fields: object,
) -> Organisation:
    """Create an organisation under ``parent``, checking the tree's level rules and setting its path."""
    code = code.strip()
    name = name.strip()
    if not code:
        raise ValidationFailed(
            "机构代码不能为空", detail="Organisation code is required", fields={"code": "required"}
        )
    if not name:
        raise ValidationFailed(
            "机构名称不能为空", detail="Organisation name is required", fields={"name": "required"}
        )
    if kind not in OrgKind.values:
        raise ValidationFailed(f"未知的机构层级：{kind}", detail=f"Unknown organisation kind {kind!r}")
    parent_error = organisation_parent_error(kind, parent)
    if parent_error:
        raise ValidationFailed(
            parent_error,
            detail=f"A {kind} cannot sit under {parent.kind if parent else 'the top level'}",
            fields={"parent": "invalid"},
        )
    if Organisation.objects.filter(code=code).exists():
        raise ValidationFailed(
            f"机构代码 {code} 已被使用", detail=f"Code {code} is taken", fields={"code": "taken"}
        )
    org = Organisation.objects.create(code=code, name=name, kind=kind, parent=parent, **fields)
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.save(update_fields=["path"])
    record_audit(org, action="organisation.create", actor=actor, data={"code": code, "kind": kind})
    return org


@transaction.atomic
def membership_grant(
    *,
    user: AbstractBaseUser,
    organisation: Organisation,
    role: str,
    includes_subunits: bool = False,
    actor: AbstractBaseUser | None = None,
) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (idempotent; updates the sub-unit reach)."""
    if role not in Role.values:
        raise ValidationFailed(
            f"未知的角色：{role}", detail=f"Unknown role {role!r}", fields={"role": "invalid"}
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
def membership_revoke(*, membership: Membership, actor: AbstractBaseUser | None = None) -> None:
    """Take a role away; the audit keeps who held it."""
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
