"""Admin for reference data (themes, catalog items); records themselves are edited in the back office."""

from django.contrib import admin

from gongkai.documents.models import CatalogItem, Document, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name"]


@admin.register(CatalogItem)
class CatalogItemAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "group", "responsible", "time_limit"]
    list_filter = ["group"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation", "responsible"]

    def save_model(self, request, obj, form, change):
        from gongkai.documents.xxgk_services import catalog_item_saved

        super().save_model(request, obj, form, change)
        catalog_item_saved(item=obj, actor=request.user, created=not change)

    def delete_model(self, request, obj):
        from gongkai.documents.xxgk_services import catalog_item_deleted

        catalog_item_deleted(item=obj, actor=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        from gongkai.documents.xxgk_services import catalog_item_deleted

        for item in queryset.select_related("organisation"):
            catalog_item_deleted(item=item, actor=request.user)
        super().delete_queryset(request, queryset)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: status and content change only through the back office's audited workflow."""

    list_display = ["title", "index_number", "organisation", "status", "published_on"]
    list_filter = ["status", "attribute", "validity"]
    search_fields = ["title", "index_number", "document_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
