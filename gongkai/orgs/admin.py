"""Admin for the organisation tree and staff roles; writes go through the audited services."""

from django import forms
from django.contrib import admin

from gongkai.orgs import services
from gongkai.orgs.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "code", "name", "short_name", "kind", "parent", "is_general_office", "index_number_pattern",
            "site_code", "address", "office_hours", "phone", "fax", "email", "sort_order", "is_active",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and cleaned.get("kind"):
            error = services.organisation_parent_error(cleaned["kind"], cleaned.get("parent"))
            if error:
                self.add_error("parent", error)
        return cleaned


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["path"]
    autocomplete_fields = ["parent"]

    def get_readonly_fields(self, request, obj=None):
        # Moving an organisation would re-scope every role and record under it: not an admin-form edit.
        return ["parent", "kind", "path"] if obj else ["path"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name not in {"code", "name", "kind", "parent"}
        }
        created = services.organisation_create(
            code=obj.code, name=obj.name, kind=obj.kind, parent=obj.parent, actor=request.user, **fields
        )
        obj.pk, obj.path = created.pk, created.path


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "includes_subunits"]
    list_filter = ["role", "includes_subunits"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        saved = services.membership_grant(
            user=obj.user,
            organisation=obj.organisation,
            role=obj.role,
            includes_subunits=obj.includes_subunits,
            actor=request.user,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.membership_revoke(membership=obj, actor=request.user)
