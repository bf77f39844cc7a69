"""Writes to the organisation tree (机构): create, update, deactivate, reactivate; each atomic and audited.

``actor`` is the person acting, whose scope (``Perm.ORG_MANAGE``, ``gongkai.orgs.scope``) is checked;
``None`` means the system itself (management commands, the demo loader), which is not scope-checked.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext

from gongkai.core import pagecache
from gongkai.core.audit import record_audit
from gongkai.core.errors import ValidationFailed
from gongkai.orgs.indexpattern import validate_pattern
from gongkai.orgs.models import Membership, Organisation, OrgKind
from gongkai.orgs.scope import Perm, require_create_under, require_manage, roles_granting

# Which kinds may sit under which (省 → 市 → 区县 → 部门 → 单位; 部门 also directly under 省/市).
ALLOWED_PARENT_KINDS: dict[str, set[str | None]] = {
    OrgKind.PROVINCE: {None},
    OrgKind.CITY: {None, OrgKind.PROVINCE},
    OrgKind.DISTRICT: {None, OrgKind.CITY},
    OrgKind.DEPARTMENT: {OrgKind.PROVINCE, OrgKind.CITY, OrgKind.DISTRICT, OrgKind.DEPARTMENT},
    OrgKind.UNIT: {OrgKind.CITY, OrgKind.DISTRICT, OrgKind.DEPARTMENT, OrgKind.UNIT},
}

# A code (机构代码) is part of every 索引号 and public address of the organisation.
CODE_RE = re.compile(r"^[0-9A-Za-z-]{1,32}$")

# Fields that may be set on an organisation besides code, name, kind and parent at creation, and that an
# administrator may change later. ``kind`` and ``parent`` never change: moving an organisation would
# re-scope every role and record under it. ``is_active`` changes through deactivate/reactivate only.
ORGANISATION_EDITABLE_FIELDS = (
    "code", "name", "short_name", "is_general_office", "index_number_pattern", "site_code",
    "publisher_may_approve", "address", "office_hours", "phone", "fax", "email", "sort_order",
    "foi_office", "postcode", "website", "foi_how_to_apply", "functions", "leaders",
)  # fmt: skip


def organisation_parent_error(kind: str, parent: Organisation | None) -> str | None:
    """Why ``kind`` may not sit under ``parent`` (in Chinese), or None when it may."""
    parent_kind = parent.kind if parent else None
    if parent_kind in ALLOWED_PARENT_KINDS.get(kind, set()):
        return None
    where = OrgKind(parent_kind).label if parent_kind else gettext("顶层")
    return gettext("%(kind)s不能设在%(where)s之下") % {"kind": OrgKind(kind).label, "where": where}


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
            gettext("机构代码不能为空"),
            detail="Organisation code is required",
            code="orgs.code_required",
            field="code",
        )
    if not CODE_RE.match(code):
        raise ValidationFailed(
            gettext("机构代码只能包含字母、数字和连字符，最长 32 位"),
            detail="Organisation code has invalid characters",
            code="orgs.invalid_code",
            field="code",
        )


def _validate_code_free(code: str, *, organisation: Organisation | None = None) -> None:
    taken = Organisation.objects.filter(code=code)
    if organisation is not None:
        taken = taken.exclude(pk=organisation.pk)
    if taken.exists():
        raise ValidationFailed(
            gettext("机构代码 %(code)s 已被使用") % {"code": code},
            detail=f"Code {code} is taken",
            code="orgs.code_taken",
            field="code",
        )


def _clean_fields(fields: dict[str, object]) -> dict[str, object]:
    """Refuse fields that are not editable; strip the text fields; check the 索引号规则."""
    unknown = set(fields) - set(ORGANISATION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            gettext("不能在此修改：%(fields)s") % {"fields": "、".join(sorted(unknown))},
            detail=f"Fields not editable: {sorted(unknown)}",
            code="orgs.field_not_editable",
        )
    fields = dict(fields)
    for key in ("code", "name", "short_name", "index_number_pattern"):
        if isinstance(fields.get(key), str):
            fields[key] = fields[key].strip()
    if "name" in fields and not fields["name"]:
        raise ValidationFailed(
            gettext("机构名称不能为空"),
            detail="Organisation name is required",
            code="orgs.name_required",
            field="name",
        )
    if "index_number_pattern" in fields:
        validate_pattern(str(fields["index_number_pattern"]))
    return fields


def _full_clean(organisation: Organisation, fields: dict[str, object]) -> None:
    """The model's own field checks (lengths, e-mail), reported on the field at fault."""
    try:
        organisation.full_clean(exclude=["parent", "path", "code"], validate_unique=False)
    except DjangoValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        label = Organisation._meta.get_field(name).verbose_name if name in fields else ""
        raise ValidationFailed(
            f"{label}：{messages[0]}" if label else messages[0],
            detail=f"Invalid {name}",
            code="orgs.invalid_field",
            field=name,
        ) from exc


@transaction.atomic
def organisation_create(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    actor: AbstractBaseUser | None,
    **fields: object,
) -> Organisation:
    """Create an organisation under ``parent``, checking the tree's level rules and setting its path.

    An actor must manage the parent (a top-level organisation: a superuser, ``scope.require_create_under``);
    the code follows ``CODE_RE`` and is unique; ``fields`` are among ``ORGANISATION_EDITABLE_FIELDS``.
    """
    if actor is not None:
        require_create_under(actor, parent)
    _validate_code(code.strip())
    fields = _clean_fields({**fields, "code": code, "name": name})
    code, name = str(fields.pop("code")), str(fields.pop("name"))
    if kind not in OrgKind.values:
        raise ValidationFailed(
            gettext("未知的机构层级：%(kind)s") % {"kind": kind},
            detail=f"Unknown organisation kind {kind!r}",
            code="orgs.unknown_kind",
        )
    parent_error = organisation_parent_error(kind, parent)
    if parent_error:
        raise ValidationFailed(
            parent_error,
            detail=f"A {kind} cannot sit under {parent.kind if parent else 'the top level'}",
            code="orgs.invalid_parent",
            field="parent",
        )
    _validate_code_free(code)
    org = Organisation(code=code, name=name, kind=kind, parent=parent, **fields)
    _full_clean(org, fields)
    org.save()
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.save(update_fields=["path"])
    record_audit(org, action="organisation.create", actor=actor, data={"code": code, "kind": kind})
    pagecache.content_changed(structure=True)
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: AbstractBaseUser | None, **fields: object
) -> list[str]:
    """Change an organisation's descriptive fields; returns the names of the fields that changed.

    The code (机构代码) is part of every 索引号 issued for the organisation and of its public addresses, so
    it is frozen once any record points at the organisation (``organisation_has_records``); before that a
    change is allowed and audited with the old and new values. Kind and parent cannot change here.
    """
    if actor is not None:
        require_manage(actor, organisation)
    fields = _clean_fields(fields)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
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
        _validate_code_free(new_code, organisation=organisation)
    if not changes:
        return []
    for key in changes:
        setattr(organisation, key, fields[key])
    _full_clean(organisation, fields)
    organisation.save(update_fields=list(changes))
    record_audit(organisation, action="organisation.update", actor=actor, data={"changes": changes})
    pagecache.content_changed(structure=True)
    return sorted(changes)


@transaction.atomic
def organisation_deactivate(*, organisation: Organisation, actor: AbstractBaseUser | None) -> None:
    """Stop an organisation (停用): its roles grant nothing while it is inactive; its records stay.

    Refused while it has active sub-organisations (stop those first, so nothing is cut off unseen) and
    for an organisation where the actor holds their own administrator role (they would lock themselves out).
    """
    if actor is not None:
        require_manage(actor, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.is_active:
        return
    if organisation.children.filter(is_active=True).exists():
        raise ValidationFailed(
            gettext("“%(name)s”还有启用中的下级机构，请先停用下级机构") % {"name": organisation.name},
            detail="Organisation has active children",
            code="orgs.has_active_children",
        )
    if (
        actor is not None
        and Membership.objects.filter(
            user_id=actor.pk, organisation=organisation, role__in=roles_granting(Perm.ORG_MANAGE)
        ).exists()
    ):
        raise ValidationFailed(
            gettext("不能停用您本人担任管理员的机构"),
            detail="Cannot deactivate your own organisation",
            code="orgs.own_organisation_deactivation",
        )
    organisation.is_active = False
    organisation.save(update_fields=["is_active"])
    record_audit(
        organisation, action="organisation.deactivate", actor=actor, data={"code": organisation.code}
    )
    pagecache.content_changed(structure=True)


@transaction.atomic
def organisation_reactivate(*, organisation: Organisation, actor: AbstractBaseUser | None) -> None:
    """Restart a stopped organisation (恢复启用); refused while its parent is stopped."""
    if actor is not None:
        require_manage(actor, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_active:
        return
    if organisation.parent_id and not organisation.parent.is_active:
        raise ValidationFailed(
            gettext("上级机构已停用，请先恢复上级机构"),
            detail="Parent organisation is inactive",
            code="orgs.parent_inactive",
        )
    organisation.is_active = True
    organisation.save(update_fields=["is_active"])
    record_audit(
        organisation, action="organisation.reactivate", actor=actor, data={"code": organisation.code}
    )
    pagecache.content_changed(structure=True)
