"""Admin: only the decision → annual-report mapping, which provincial guidance may change (R2.4).

Applications are handled through the back office, whose services keep the workflow and the audit; the admin
offers no side door around them.
"""

from django.contrib import admin

from gongkai.foi.models import ReportMapping


@admin.register(ReportMapping)
class ReportMappingAdmin(admin.ModelAdmin):
    list_display = ("decision", "report_row", "is_default")
    list_filter = ("decision",)
