"""Writes to the organisation tree and staff roles; each is atomic and audited."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.orgs.models import Membership, Organisation, OrgKind, Role
from gongkai.orgs.scope import ROLE_PERMS, Perm, can, is_superuser, roles_granting

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
    where = OrgKind(parent_kind).label if parent_kind else gettext("顶层")
    return gettext("%(kind)s不能设在%(where)s之下") % {"kind": OrgKind(kind).label, "where": where}


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
            gettext("机构代码不能为空"), detail="Organisation code is required", field="code"
        )
    if not name:
        raise ValidationFailed(
            gettext("机构名称不能为空"), detail="Organisation name is required", field="name"
        )
    if kind not in OrgKind.values:
        raise ValidationFailed(
            gettext("未知的机构层级：%(kind)s") % {"kind": kind}, detail=f"Unknown organisation kind {kind!r}"
        )
    parent_error = organisation_parent_error(kind, parent)
    if parent_error:
        raise ValidationFailed(
            parent_error,
            detail=f"A {kind} cannot sit under {parent.kind if parent else 'the top level'}",
            field="parent",
        )
    if Organisation.objects.filter(code=code).exists():
        raise ValidationFailed(
            gettext("机构代码 %(code)s 已被使用") % {"code": code},
            detail=f"Code {code} is taken",
            field="code",
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
            gettext("未知的角色：%(role)s") % {"role": role},
            detail=f"Unknown role {role!r}",
            field="role",
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


# --- Scoped administration for the back office (/staff/orgs/) ----------------------------------------
#
# The functions below are what the openness office's administrators (管理员, ``Perm.ORG_MANAGE``) call.
# Unlike ``organisation_create``/``membership_grant`` above (trusted callers: the Django admin for
# superusers, management commands), each checks the actor's scope itself.

CODE_RE = re.compile(r"^[0-9A-Za-z-]{1,32}$")

# Fields an administrator may change on an organisation. ``kind`` and ``parent`` are not among them:
# moving an organisation would re-scope every role and record under it.
ORGANISATION_EDITABLE_FIELDS = (
    "code", "name", "short_name", "is_general_office", "index_number_pattern", "site_code",
    "address", "office_hours", "phone", "fax", "email", "sort_order",
)  # fmt: skip


def _manage_subtree_paths(actor: AbstractBaseUser) -> list[str]:
    """Paths of the organisations where ``actor`` manages the organisation *and* its sub-units."""
    return list(
        Membership.objects.filter(
            user_id=actor.pk,
            user__is_active=True,
            organisation__is_active=True,
            role__in=roles_granting(Perm.ORG_MANAGE),
            includes_subunits=True,
        ).values_list("organisation__path", flat=True)
    )


def membership_reach_error(
    *, actor: AbstractBaseUser, organisation: Organisation, includes_subunits: bool
) -> str | None:
    """Why ``actor`` may not grant or revoke a role in ``organisation`` (in Chinese), or None when it may.

    No privilege beyond one's own reach (issue "Openness office admin"): a role may be granted or taken
    away only in an organisation the actor manages (``Perm.ORG_MANAGE``); a role that reaches sub-units
    — an administrator's above all — only by someone whose own ORG_MANAGE reaches the sub-units of that
    organisation (an administrator role with sub-units held in it or above it). Otherwise a department
    administrator could mint an administrator over units they do not manage themselves.
    """
    # Superusers are unrestricted, as in ``scope.can``.
    if is_superuser(actor):
        return None
    # The organisation itself must be managed by the actor.
    if not can(actor, Perm.ORG_MANAGE, organisation):
        return gettext("您无权管理“%(name)s”的人员") % {"name": organisation.name}
    # A role reaching sub-units needs the actor's own reach over the same sub-units.
    if includes_subunits and not any(
        organisation.path.startswith(path) for path in _manage_subtree_paths(actor)
    ):
        return gettext("含下级单位：只有本身对“%(name)s”及其下级单位有管理权限的管理员才能授予或撤销") % {
            "name": organisation.name
        }
    return None


def _require_manage(actor: AbstractBaseUser, organisation: Organisation) -> None:
    if not can(actor, Perm.ORG_MANAGE, organisation):
        raise PermissionDenied(
            gettext("您无权管理“%(name)s”") % {"name": organisation.name},
            detail="Organisation is outside your scope",
        )


@transaction.atomic
def membership_grant_scoped(
    *,
    actor: AbstractBaseUser,
    user: AbstractBaseUser,
    organisation: Organisation,
    role: str,
    includes_subunits: bool = False,
) -> Membership:
    """Grant ``role`` in ``organisation`` as ``actor`` would: within the actor's reach (``membership_reach_error``).

    Re-granting an existing role without sub-units narrows it, which is as much beyond a narrower
    actor's reach as revoking it, so the existing reach counts too.
    """
    existing_subunits = Membership.objects.filter(
        user_id=user.pk, organisation=organisation, role=role, includes_subunits=True
    ).exists()
    error = membership_reach_error(
        actor=actor, organisation=organisation, includes_subunits=includes_subunits or existing_subunits
    )
    if error:
        raise PermissionDenied(error, detail="Role is beyond your reach", field="includes_subunits")
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
    return membership_grant(
        user=user, organisation=organisation, role=role, includes_subunits=includes_subunits, actor=actor
    )


@transaction.atomic
def membership_revoke_scoped(*, actor: AbstractBaseUser, membership: Membership) -> None:
    """Take a role away as ``actor``: within the actor's reach, and never the actor's own administrator role."""
    error = membership_reach_error(
        actor=actor, organisation=membership.organisation, includes_subunits=membership.includes_subunits
    )
    if error:
        raise PermissionDenied(error, detail="Role is beyond your reach")
    # Revoking one's own administrator role would lock the actor out mid-task; another administrator does it.
    if membership.user_id == actor.pk and Perm.ORG_MANAGE in ROLE_PERMS.get(membership.role, ()):
        raise ValidationFailed(
            gettext("不能撤销您本人的管理员角色，请由其他管理员办理"),
            detail="Cannot revoke your own admin role",
        )
    membership_revoke(membership=membership, actor=actor)


def organisation_has_records(organisation: Organisation) -> bool:
    """True when any record outside the tree and its roles points at ``organisation`` (documents, 索引号 serials…).

    Looked up through the model's reverse relations so that ``orgs`` need not import the apps above it.
    """
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many or relation.one_to_one) or not relation.auto_created:
            continue
        if relation.related_model in (Organisation, Membership):
            continue
        field_name = relation.field.name
        if relation.related_model._base_manager.filter(**{field_name: organisation}).exists():
            return True
    return False


def _validate_code(code: str) -> None:
    if not code:
        raise ValidationFailed(
            gettext("机构代码不能为空"), detail="Organisation code is required", field="code"
        )
    if not CODE_RE.match(code):
        raise ValidationFailed(
            gettext("机构代码只能包含字母、数字和连字符，最长 32 位"),
            detail="Organisation code has invalid characters",
            field="code",
        )


def _validate_index_number_pattern(pattern: str) -> None:
    if not pattern:
        return
    try:
        pattern.format(code="X", year=2024, month=1, serial=1)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ValidationFailed(
            gettext("索引号规则无效：只能使用 {code} {year} {month:02d} {serial} 等占位符"),
            detail="Invalid index number pattern",
            field="index_number_pattern",
        ) from exc
    if "{serial" not in pattern:
        raise ValidationFailed(
            gettext("索引号规则必须包含流水号 {serial}"),
            detail="Index number pattern needs {serial}",
            field="index_number_pattern",
        )


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: AbstractBaseUser, **fields: object
) -> list[str]:
    """Change an organisation's descriptive fields; returns the names of the fields that changed.

    The code (机构代码) is part of every 索引号 issued for the organisation and of its public addresses, so
    it is frozen once any record points at the organisation (``organisation_has_records``); before that a
    change is allowed and audited with the old and new values. Kind and parent cannot change here.
    """
    _require_manage(actor, organisation)
    unknown = set(fields) - set(ORGANISATION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            gettext("不能在此修改：%(fields)s") % {"fields": "、".join(sorted(unknown))},
            detail=f"Fields not editable: {sorted(unknown)}",
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    for key in ("code", "name", "short_name", "index_number_pattern"):
        if isinstance(fields.get(key), str):
            fields[key] = fields[key].strip()
    if "name" in fields and not fields["name"]:
        raise ValidationFailed(
            gettext("机构名称不能为空"), detail="Organisation name is required", field="name"
        )
    if "index_number_pattern" in fields:
        _validate_index_number_pattern(str(fields["index_number_pattern"]))
    changes = {
        key: [getattr(organisation, key), value]
        for key, value in fields.items()
        if getattr(organisation, key) != value
    }
    if "code" in changes:
        new_code = str(fields["code"])
        _validate_code(new_code)
        if organisation_has_records(organisation):
            raise ValidationFailed(
                gettext("机构代码：该机构已有信息记录，其索引号和网址使用现代码，不能修改"),
                detail="Code is frozen once the organisation has records",
                code="orgs.code_frozen",
                field="code",
            )
        if Organisation.objects.filter(code=new_code).exclude(pk=organisation.pk).exists():
            raise ValidationFailed(
                gettext("机构代码 %(code)s 已被使用") % {"code": new_code},
                detail=f"Code {new_code} is taken",
                field="code",
            )
    if not changes:
        return []
    for key in changes:
        setattr(organisation, key, fields[key])
    try:
        organisation.full_clean(exclude=["parent", "path", "code"])
    except DjangoValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        label = Organisation._meta.get_field(name).verbose_name if name in fields else ""
        raise ValidationFailed(
            f"{label}：{messages[0]}" if label else messages[0],
            detail=f"Invalid {name}",
            field=name,
        ) from exc
    organisation.save(update_fields=list(changes))
    record_audit(organisation, action="organisation.update", actor=actor, data={"changes": changes})
    return sorted(changes)


@transaction.atomic
def organisation_deactivate(*, organisation: Organisation, actor: AbstractBaseUser) -> None:
    """Stop an organisation (停用): its roles grant nothing while it is inactive; its records stay.

    Refused while it has active sub-organisations (stop those first, so nothing is cut off unseen) and
    for an organisation where the actor holds their own administrator role (they would lock themselves out).
    """
    _require_manage(actor, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.is_active:
        return
    if organisation.children.filter(is_active=True).exists():
        raise ValidationFailed(
            gettext("“%(name)s”还有启用中的下级机构，请先停用下级机构") % {"name": organisation.name},
            detail="Organisation has active children",
            code="orgs.has_active_children",
        )
    if Membership.objects.filter(
        user_id=actor.pk, organisation=organisation, role__in=roles_granting(Perm.ORG_MANAGE)
    ).exists():
        raise ValidationFailed(
            gettext("不能停用您本人担任管理员的机构"), detail="Cannot deactivate your own organisation"
        )
    organisation.is_active = False
    organisation.save(update_fields=["is_active"])
    record_audit(
        organisation, action="organisation.deactivate", actor=actor, data={"code": organisation.code}
    )


@transaction.atomic
def organisation_reactivate(*, organisation: Organisation, actor: AbstractBaseUser) -> None:
    """Restart a stopped organisation (恢复启用); refused while its parent is stopped."""
    _require_manage(actor, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_active:
        return
    if organisation.parent_id and not organisation.parent.is_active:
        raise ValidationFailed(
            gettext("上级机构已停用，请先恢复上级机构"), detail="Parent organisation is inactive"
        )
    organisation.is_active = True
    organisation.save(update_fields=["is_active"])
    record_audit(
        organisation, action="organisation.reactivate", actor=actor, data={"code": organisation.code}
    )


# --- Staff accounts (工作人员账号) ---------------------------------------------------------------------


def staff_account_manage_error(*, actor: AbstractBaseUser, account: AbstractBaseUser) -> str | None:
    """Why ``actor`` may not deactivate ``account`` or issue it a set-password link, or None when it may.

    Both acts hand over or take away everything the account can do, so the actor must reach every role
    the account holds (``membership_reach_error`` for each). Superuser and Django-staff accounts are
    managed by superusers only; an account with no role is out of everyone's scope but a superuser's.
    """
    if is_superuser(actor):
        return None
    if account.is_superuser or account.is_staff:
        return gettext("系统管理员账号只能由超级管理员管理")
    memberships = list(Membership.objects.filter(user_id=account.pk).select_related("organisation"))
    if not memberships:
        return gettext("该账号没有任何岗位，只能由超级管理员管理")
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


def _clean_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise ValidationFailed(gettext("用户名不能为空"), detail="Username is required", field="username")
    try:
        UnicodeUsernameValidator()(username)
    except DjangoValidationError as exc:
        raise ValidationFailed(
            gettext("用户名只能包含字母、数字和 @ . + - _ 字符"),
            detail="Invalid username",
            field="username",
        ) from exc
    if len(username) > 150:
        raise ValidationFailed(gettext("用户名最长 150 个字符"), detail="Username too long", field="username")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationFailed(
            gettext("用户名 %(username)s 已被使用") % {"username": username},
            detail="Username is taken",
            field="username",
        )
    return username


@transaction.atomic
def staff_account_create(
    *,
    username: str,
    full_name: str,
    email: str,
    actor: AbstractBaseUser,
    organisation: Organisation,
    role: str,
    includes_subunits: bool,
) -> AbstractBaseUser:
    """Open a staff account (工作人员账号) holding ``role`` in ``organisation``, with no usable password.

    Without e-mail infrastructure the account is activated by a one-time set-password link
    (``staff_account_password_link``) that the administrator hands over; nobody but the new member of
    staff ever knows the password. The role obeys the same reach rule as any grant.
    """
    error = membership_reach_error(
        actor=actor, organisation=organisation, includes_subunits=includes_subunits
    )
    if error:
        raise PermissionDenied(error, detail="Role is beyond your reach", field="includes_subunits")
    username = _clean_username(username)
    full_name = full_name.strip()
    if not full_name:
        raise ValidationFailed(gettext("姓名不能为空"), detail="Full name is required", field="full_name")
    if len(full_name) > 150:
        raise ValidationFailed(gettext("姓名最长 150 个字符"), detail="Full name too long", field="full_name")
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError as exc:
            raise ValidationFailed(
                gettext("电子邮箱格式不正确"), detail="Invalid e-mail", field="email"
            ) from exc
    # The whole Chinese name goes in ``first_name`` so that ``get_full_name()`` shows it unchanged.
    account = get_user_model()(username=username, first_name=full_name, email=email, is_active=True)
    account.set_unusable_password()
    account.save()
    record_audit(
        account,
        action="account.create",
        actor=actor,
        data={"username": username, "organisation": organisation.code, "role": role},
    )
    membership_grant_scoped(
        actor=actor, user=account, organisation=organisation, role=role, includes_subunits=includes_subunits
    )
    return account


@transaction.atomic
def staff_account_password_link(*, account: AbstractBaseUser, actor: AbstractBaseUser) -> str:
    """A one-time set-password path for ``account`` (Django's password-reset token), issuing it audited.

    The link works until the password is set (the token hashes the current password) or
    ``PASSWORD_RESET_TIMEOUT`` passes; whoever holds it can take the account over, hence the manage rule.
    """
    error = staff_account_manage_error(actor=actor, account=account)
    if error:
        raise PermissionDenied(error, detail="Account is beyond your reach")
    if not account.is_active:
        raise ValidationFailed(gettext("账号已停用，不能设置密码"), detail="Account is deactivated")
    record_audit(
        account, action="account.password_link", actor=actor, data={"username": account.get_username()}
    )
    return reverse(
        "orgs:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )


@transaction.atomic
def staff_account_password_set(*, account: AbstractBaseUser, password: str) -> None:
    """The account holder sets their own password through a set-password link; audited with them as actor."""
    account.set_password(password)
    account.save(update_fields=["password"])
    record_audit(account, action="account.password_set", actor=account)


@transaction.atomic
def staff_account_deactivate(*, account: AbstractBaseUser, actor: AbstractBaseUser) -> None:
    """Close a staff account (停用): it can no longer log in and its roles grant nothing; history stays."""
    if account.pk == actor.pk:
        raise ValidationFailed(gettext("不能停用您本人的账号"), detail="Cannot deactivate yourself")
    error = staff_account_manage_error(actor=actor, account=account)
    if error:
        raise PermissionDenied(error, detail="Account is beyond your reach")
    if not account.is_active:
        return
    account.is_active = False
    account.save(update_fields=["is_active"])
    record_audit(account, action="account.deactivate", actor=actor, data={"username": account.get_username()})


@transaction.atomic
def staff_account_reactivate(*, account: AbstractBaseUser, actor: AbstractBaseUser) -> None:
    """Reopen a closed staff account (恢复启用) under the same rule as closing it; its roles apply again."""
    error = staff_account_manage_error(actor=actor, account=account)
    if error:
        raise PermissionDenied(error, detail="Account is beyond your reach")
    if account.is_active:
        return
    account.is_active = True
    account.save(update_fields=["is_active"])
    record_audit(account, action="account.reactivate", actor=actor, data={"username": account.get_username()})
