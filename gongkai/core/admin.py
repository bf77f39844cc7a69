"""Django admin for the core records: holiday schedules (loaded through the service) and the audit log."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.core.dates import parse_iso_date
from gongkai.core.errors import ValidationFailed
from gongkai.core.login import LimitedAdminAuthenticationForm
from gongkai.core.models import AuditEvent, HolidaySchedule
from gongkai.core.services import holiday_schedule_delete, holiday_schedule_load, holiday_schedule_validate

# The admin's login form says "too many attempts" when the login limiter refuses (core/login.py).
admin.site.login_form = LimitedAdminAuthenticationForm

DATE_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:\.\.|~|至)\s*(\d{4}-\d{2}-\d{2})")
DATE_LIST_HELP = "每行或用逗号分隔一个日期（YYYY-MM-DD）；连续日期可写作 2027-02-05..2027-02-12。"


class DateListField(forms.CharField):
    """Dates typed one a line or comma-separated, ranges as ``first..last``; cleaned to ISO strings."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 40})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        days: set[str] = set()
        for item in re.split(r"[\s,，、;；]+", DATE_RANGE.sub(_expand_range, text)):
            if not item:
                continue
            try:
                days.add(parse_iso_date(item, str(self.label or "")).isoformat())
            except ValidationFailed as exc:
                raise forms.ValidationError(exc.message) from exc
        return sorted(days)


def _expand_range(match: re.Match[str]) -> str:
    try:
        first, last = (parse_iso_date(part, "") for part in match.groups())
    except ValidationFailed:
        return match.group(0).replace("..", " ")
    return " ".join((first + datetime.timedelta(days=i)).isoformat() for i in range((last - first).days + 1))


class HolidayScheduleForm(forms.ModelForm):
    """Checks the schedule with the same rules as ``holiday_schedule_load`` before the admin saves it."""

    rest_days = DateListField(label="放假日期", help_text=DATE_LIST_HELP)
    makeup_workdays = DateListField(label="调休上班日期", required=False, help_text=DATE_LIST_HELP)

    class Meta:
        model = HolidaySchedule
        fields = ["year", "notice_number", "notice_date", "rest_days", "makeup_workdays"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        year = cleaned.get("year", self.instance.year)
        if year is None or self.errors:
            return cleaned
        try:
            holiday_schedule_validate(
                year=year,
                rest_days=cleaned.get("rest_days") or [],
                makeup_workdays=cleaned.get("makeup_workdays") or [],
                notice_number=cleaned.get("notice_number") or "",
                notice_date=cleaned.get("notice_date"),
            )
        except ValidationFailed as exc:
            for field, message in (exc.fields or {"__all__": exc.message}).items():
                self.add_error(field if field in self.fields else None, message)
        return cleaned


@admin.register(HolidaySchedule)
class HolidayScheduleAdmin(admin.ModelAdmin):
    """Saving and deleting go through the services, so every change is validated and audited."""

    form = HolidayScheduleForm
    list_display = ["year", "notice_number", "notice_date", "loaded_by", "loaded_at"]
    readonly_fields = ["loaded_by", "loaded_at"]
    ordering = ["-year"]

    def get_readonly_fields(self, request: HttpRequest, obj: HolidaySchedule | None = None) -> list[str]:
        # Changing the year would silently move a schedule; load the other year instead.
        return [*self.readonly_fields, "year"] if obj is not None else list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: HolidaySchedule, form: Any, change: bool) -> None:
        saved = holiday_schedule_load(
            year=obj.year,
            rest_days=obj.rest_days,
            makeup_workdays=obj.makeup_workdays,
            notice_number=obj.notice_number,
            notice_date=obj.notice_date,
            actor=request.user,
        )
        obj.pk = saved.pk
        obj.loaded_by = saved.loaded_by
        obj.loaded_at = saved.loaded_at
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: HolidaySchedule) -> None:
        holiday_schedule_delete(schedule=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HolidaySchedule]) -> None:
        for schedule in queryset:
            holiday_schedule_delete(schedule=schedule, actor=request.user)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log is read-only: events are written by services, never edited."""

    list_display = ["created_at", "action", "content_type", "object_id", "actor", "from_status", "to_status"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_id", "comment"]
    list_select_related = ["content_type", "actor"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
