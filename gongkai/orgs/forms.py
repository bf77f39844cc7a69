"""Back-office forms for the organisation tree and staff accounts; rules live in ``services``."""

from __future__ import annotations

import copy

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.orgs.models import Organisation, OrgKind, Role
from gongkai.orgs.services.organisations import ALLOWED_PARENT_KINDS, CODE_RE, organisation_parent_error


class FieldsetFormMixin(ServiceErrorsMixin):
    """Groups fields under legends (``fieldsets``); service errors go on the field they name."""

    fieldsets: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def fieldset_list(self) -> list[tuple[str, list[forms.BoundField]]]:
        groups = self.fieldsets or ((_("基本信息"), tuple(self.fields)),)
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in groups]


class OrganisationFieldsMixin(FieldsetFormMixin, forms.ModelForm):
    code = forms.RegexField(
        label=_("机构代码"),
        max_length=32,
        regex=CODE_RE,
        error_messages={
            "invalid": _("机构代码只能包含字母、数字和连字符，最长 32 位"),
            "required": _("机构代码不能为空"),
        },
        help_text=_("统一社会信用代码（18位）、组织机构代码（9位）或本地代码；用于索引号。"),
    )

    fieldsets = (
        (
            pgettext_lazy("fieldset", "机构"),
            ("kind", "code", "name", "short_name", "is_general_office", "sort_order"),
        ),
        (_("信息公开"), ("index_number_pattern", "site_code", "publisher_may_approve")),
        (_("联系方式"), ("address", "office_hours", "phone", "fax", "email")),
        (
            _("政府信息公开指南"),
            ("foi_office", "postcode", "website", "foi_how_to_apply", "functions", "leaders"),
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "code", "name", "short_name", "is_general_office", "index_number_pattern", "site_code",
            "publisher_may_approve", "address", "office_hours", "phone", "fax", "email", "sort_order",
            "foi_office", "postcode", "website", "foi_how_to_apply", "functions", "leaders",
        ]  # fmt: skip
        error_messages = {"name": {"required": _("机构名称不能为空")}}

    def service_fields(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class OrganisationCreateForm(OrganisationFieldsMixin):
    """A sub-organisation of ``parent``; the kinds offered are those allowed under the parent's kind."""

    kind = forms.ChoiceField(label=_("层级"), choices=OrgKind.choices)

    def __init__(self, *args, parent: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parent = parent
        allowed = [
            (value, label)
            for value, label in OrgKind.choices
            if parent.kind in ALLOWED_PARENT_KINDS.get(value, set())
        ]
        # Only allowed kinds are offered; any kind still validates so that a refused one gets the
        # explanation of the level rule rather than a bare "invalid choice".
        self.fields["kind"].widget.choices = allowed
        if len(allowed) == 1:
            self.initial.setdefault("kind", allowed[0][0])

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        error = organisation_parent_error(kind, self.parent)
        if error:
            raise forms.ValidationError(error)
        return kind

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if Organisation.objects.filter(code=code).exists():
            raise forms.ValidationError(_("机构代码 %(code)s 已被使用"), params={"code": code})
        return code


class OrganisationUpdateForm(OrganisationFieldsMixin):
    """Descriptive fields only; kind and parent are fixed once created."""

    fieldsets = (
        (
            pgettext_lazy("fieldset", "机构"),
            ("code", "name", "short_name", "is_general_office", "sort_order"),
        ),
        *OrganisationFieldsMixin.fieldsets[1:],
    )

    def __init__(self, *args, instance: Organisation, code_frozen: bool = False, **kwargs) -> None:
        # Model validation works on a copy: only ``organisation_update`` changes the organisation.
        super().__init__(*args, instance=copy.copy(instance), **kwargs)
        if code_frozen:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("该机构已有信息记录，其索引号和网址使用现代码，不能修改。")


class MembershipGrantForm(FieldsetFormMixin, forms.Form):
    """Give an existing account a role in the organisation being viewed."""

    username = forms.CharField(
        label=_("用户名"), max_length=150, error_messages={"required": _("用户名不能为空")}
    )
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    includes_subunits = forms.BooleanField(
        label=_("含下级单位"), required=False, help_text=_("勾选后该角色同时作用于本机构的全部下级单位。")
    )

    fieldsets = ((_("授予角色"), ("username", "role", "includes_subunits")),)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError(
                _("找不到用户名为 %(username)s 的账号"), params={"username": username}
            )
        return user


class StaffAccountCreateForm(FieldsetFormMixin, forms.Form):
    """A new staff account and its first role."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        help_text=_("用于登录，只能包含字母、数字和 @ . + - _ 字符。"),
        error_messages={"required": _("用户名不能为空")},
    )
    full_name = forms.CharField(
        label=_("姓名"), max_length=150, error_messages={"required": _("姓名不能为空")}
    )
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, error_messages={"invalid": _("电子邮箱格式不正确")}
    )
    organisation = forms.ModelChoiceField(
        label=_("所在机构"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("请选择所在机构"), "invalid_choice": _("所在机构：请选择您管理的机构")},
    )
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    includes_subunits = forms.BooleanField(
        label=_("含下级单位"), required=False, help_text=_("勾选后该角色同时作用于所在机构的全部下级单位。")
    )

    fieldsets = (
        (_("账号"), ("username", "full_name", "email")),
        (_("岗位"), ("organisation", "role", "includes_subunits")),
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations.order_by("path")
        field.label_from_instance = lambda org: "\u2003" * max(org.depth - 1, 0) + org.name
