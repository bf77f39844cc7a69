"""Admin for the organisation tree and staff roles: every write goes through the audited services.

The services check the actor's scope even here, so a Django-staff user with model permissions can do no
more in the admin than in the back office. What the services do not change is read-only: an
organisation's kind and parent (moving it would re-scope every role and record under it), its active
flag (the "停用"/"恢复启用" actions call the services), and a role's holder, organisation and role (a
different role is a new grant; only the sub-unit reach of an existing one can change).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from gongkai.core.errors import GongkaiError
from gongkai.core.forms import ServiceErrorsMixin
from gongkai.orgs.models import Membership, Organisation
from gongkai.orgs.services.memberships import membership_grant, membership_revoke
from gongkai.orgs.services.organisations import (
    ORGANISATION_EDITABLE_FIELDS,
    organisation_create,
    organisation_deactivate,
    organisation_reactivate,
    organisation_update,
)


class ServiceAdminForm(ServiceErrorsMixin, forms.ModelForm):
    """A model form that, once valid, writes through a service (``write``) and shows its error on the form.

    The write happens at the end of validation so that a refusal can still be shown on the form. The
    admin's add and change views run in one transaction and these admins have no inline formsets, so a
    form that validated has been written exactly as the service left it; ``save_model`` adopts the result.
    """

    actor = None  # the requesting user, set by ``ServiceModelAdmin.get_form``

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or self.errors:
            return
        try:
            self.written = self.write(self.cleaned_data)
        except GongkaiError as exc:
            self.add_service_errors(exc)

    def write(self, data: dict) -> Model:
        raise NotImplementedError


class ServiceModelAdmin(admin.ModelAdmin):
    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs):
        form = super().get_form(request, obj, **kwargs)  # a new class on every call
        form.actor = request.user
        return form

    def save_model(self, request: HttpRequest, obj: Model, form: ServiceAdminForm, change: bool) -> None:
        obj.pk = form.written.pk


class OrganisationForm(ServiceAdminForm):
    class Meta:
        model = Organisation
        fields = [
            "code", "name", "kind", "parent",
            *(name for name in ORGANISATION_EDITABLE_FIELDS if name not in {"code", "name"}),
        ]  # fmt: skip

    def write(self, data: dict) -> Organisation:
        fields = {name: data[name] for name in ORGANISATION_EDITABLE_FIELDS if name in data}
        if self.instance.pk:
            organisation_update(organisation=self.instance, actor=self.actor, **fields)
            return self.instance
        return organisation_create(
            code=fields.pop("code"),
            name=fields.pop("name"),
            kind=data["kind"],
            parent=data.get("parent"),
            actor=self.actor,
            **fields,
        )


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    form = OrganisationForm
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["path"]
    autocomplete_fields = ["parent"]
    actions = ["deactivate_organisations", "reactivate_organisations"]

    def get_readonly_fields(self, request: HttpRequest, obj: Organisation | None = None) -> list[str]:
        return ["kind", "parent", "path", "is_active"] if obj else ["path"]

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        # Organisations are stopped (停用), never deleted: records and the audit point at them.
        return False

    def _each(self, request: HttpRequest, queryset: QuerySet[Organisation], service, done: str) -> None:
        for organisation in queryset.order_by("-path"):  # sub-units before their parents
            try:
                service(organisation=organisation, actor=request.user)
            except GongkaiError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, gettext(done) % {"name": organisation.name}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("停用所选机构"), permissions=["change"])
    def deactivate_organisations(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        self._each(request, queryset, organisation_deactivate, "已停用机构“%(name)s”")

    @admin.action(description=gettext_lazy("恢复启用所选机构"), permissions=["change"])
    def reactivate_organisations(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        self._each(request, queryset.order_by("path"), organisation_reactivate, "已恢复启用机构“%(name)s”")


class MembershipForm(ServiceAdminForm):
    class Meta:
        model = Membership
        fields = ["user", "organisation", "role", "includes_subunits"]

    def write(self, data: dict) -> Membership:
        # On change only the sub-unit reach is editable: the holder, organisation and role stay.
        source = self.instance if self.instance.pk else None
        return membership_grant(
            user=source.user if source else data["user"],
            organisation=source.organisation if source else data["organisation"],
            role=source.role if source else data["role"],
            includes_subunits=data["includes_subunits"],
            actor=self.actor,
        )


@admin.register(Membership)
class MembershipAdmin(ServiceModelAdmin):
    form = MembershipForm
    list_display = ["user", "organisation", "role", "includes_subunits"]
    list_filter = ["role", "includes_subunits"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        return ["user", "organisation", "role"] if obj else []

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        try:
            membership_revoke(membership=obj, actor=request.user)
        except GongkaiError as exc:
            raise DjangoPermissionDenied(exc.message) from exc

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("organisation"):
            self.delete_model(request, membership)
