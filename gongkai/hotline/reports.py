"""Hotline figures per organisation and period (R3.7 and issue 14's dashboards), their charts and XLSX export.

Definitions, over the tickets *received* in the period whose 主办 is the organisation or one under it (the
scale and local definitions are not national, R3.7 [U]):

* 受理量 (volume): tickets received (counted for the ticket's 主办 now);
* 响应率: of the dispatches made to it, the share the department signed for (签收) or answered;
* 按时办结率 (on time): of the replies, the share given by the limit (``due_at``, or the end of ``due_on``);
* 退单率: its send-backs per dispatch to it; 派单准确率: 1 − accepted send-backs (改派 after 退单, counted against
  the department wrongly dispatched to) per dispatch;
* 中心改派 (reassigned): tickets the centre took from the department on its own initiative (``ticket.reassign``,
  not after a 退单), counted against the department it took them from, apart from 退单 and 派单准确率; the new
  department gets a dispatch (its 响应率 counts from then);
* 解决率 and 满意率 (R3.7, 北京 art. 32): of the return visits, the share solved, and the share 满意 or 基本满意.

Trends compare the period with the one of equal length just before it. Charts are inline SVG drawn here, each
with a table beside it in the page; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.core.models import AuditEvent
from gongkai.hotline.dispatch import area_of
from gongkai.hotline.models import HotspotAlert, Satisfaction, Status, Ticket
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import Perm, organisations_for, scope_q


@dataclass(frozen=True)
class Period:
    """Days counted, both ends included (local dates)."""

    start: dt.date
    end: dt.date

    @property
    def previous(self) -> Period:
        length = (self.end - self.start).days + 1
        return Period(self.start - dt.timedelta(days=length), self.start - dt.timedelta(days=1))

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        tz = timezone.get_current_timezone()
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        last = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return first, last


def period_parse(start: str, end: str, *, today: dt.date) -> Period:
    """The period from ISO dates (defaults: the last 30 days to ``today``), swapped if given backwards."""

    def parse(text: str, default: dt.date) -> dt.date:
        try:
            return dt.date.fromisoformat(text) if text else default
        except ValueError:
            return default

    first, last = parse(start, today - dt.timedelta(days=29)), parse(end, today)
    first, last = min(first, last), max(first, last)
    if (last - first).days > 366:
        first = last - dt.timedelta(days=366)
    return Period(first, last)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Figures:
    """One organisation's (or the total's) figures for a period; see the module docstring."""

    organisation: Organisation | None
    volume: int = 0
    dispatches: int = 0
    responded: int = 0
    replies: int = 0
    replies_on_time: int = 0
    send_backs: int = 0
    redispatched: int = 0
    reassigned: int = 0
    visits: int = 0
    solved: int = 0
    satisfied: int = 0

    @property
    def response_rate(self) -> float | None:
        return _rate(self.responded, self.dispatches)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.replies_on_time, self.replies)

    @property
    def send_back_rate(self) -> float | None:
        return _rate(self.send_backs, self.dispatches)

    @property
    def reassign_rate(self) -> float | None:
        return _rate(self.reassigned, self.dispatches)

    @property
    def dispatch_accuracy(self) -> float | None:
        return None if not self.dispatches else 1 - self.redispatched / self.dispatches

    @property
    def solve_rate(self) -> float | None:
        return _rate(self.solved, self.visits)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.visits)


def organisations_supervised(user: Any) -> QuerySet[Organisation]:
    """The organisations whose hotline figures ``user`` may read (``Perm.SUPERVISE``, ``orgs/scope.py``)."""
    return organisations_for(user, Perm.SUPERVISE).order_by("path")


def tickets_supervised(user: Any) -> QuerySet[Ticket]:
    """Tickets whose 主办 or centre is in ``user``'s 督办 scope."""
    handled = scope_q(user, Perm.SUPERVISE, field="organisation")
    taken = scope_q(user, Perm.SUPERVISE, field="centre")
    qs = Ticket.objects.all()
    if handled is None or taken is None:
        return qs
    return qs.filter(handled | taken)


def _on_time(ticket: Ticket) -> bool:
    if ticket.due_at is not None:
        return ticket.replied_at <= ticket.due_at
    if ticket.due_on is not None:
        return timezone.localdate(ticket.replied_at) <= ticket.due_on
    return True


def _tickets(user: Any, organisation: Organisation | None, period: Period) -> QuerySet[Ticket]:
    first, last = period.bounds()
    qs = tickets_supervised(user).filter(received_at__gte=first, received_at__lt=last)
    if organisation is not None:
        qs = qs.filter(Q(organisation=organisation) | Q(organisation__path__startswith=organisation.path))
    return qs


def figures_compute(user: Any, *, period: Period, organisation: Organisation | None = None) -> list[Figures]:
    """Figures per organisation in ``user``'s 督办 scope (optionally one subtree), the total last.

    Volume, replies and return visits count for the ticket's 主办 now; dispatches, responses and send-backs for the
    department that held the ticket when they happened (from the audit trail, in order), and an accepted send-back
    (改派) against the department that was wrongly dispatched to, so one department's 退单 never lands on another.
    """
    from gongkai.orgs.scope import can

    rows = list(
        _tickets(user, organisation, period).values(
            "id", "organisation_id", "status", "replied_at", "due_on", "due_at", "satisfaction", "solved"
        )
    )
    per: dict[int, Figures] = {}
    total = Figures(None)

    def fig(org_id: int) -> Figures:
        return per.setdefault(org_id, Figures(None))

    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Ticket),
        object_id__in=[str(r["id"]) for r in rows],
        action__in=(
            "ticket.dispatch",
            "ticket.reassign",
            "ticket.send_back",
            "ticket.accept",
            "ticket.reply",
        ),
    ).order_by("object_id", "created_at", "id")
    holder: dict[str, int | None] = {}
    responded: dict[str, bool] = {}
    for object_id, action, from_status, data in events.values_list(
        "object_id", "action", "from_status", "data"
    ):
        current = holder.get(object_id)
        if action == "ticket.dispatch":
            target = (data or {}).get("organisation")
            if from_status == Status.SENT_BACK and current is not None:
                fig(current).redispatched += 1
                total.redispatched += 1
            if target is not None:
                fig(target).dispatches += 1
                total.dispatches += 1
            holder[object_id], responded[object_id] = target, False
        elif action == "ticket.reassign":
            target = (data or {}).get("organisation")
            if current is not None:
                fig(current).reassigned += 1
                total.reassigned += 1
            if target is not None:
                fig(target).dispatches += 1
                total.dispatches += 1
            holder[object_id], responded[object_id] = target, False
        elif current is None:
            continue
        elif action == "ticket.send_back":
            fig(current).send_backs += 1
            total.send_backs += 1
        elif not responded.get(object_id):  # the first 签收 or reply after a dispatch
            fig(current).responded += 1
            total.responded += 1
            responded[object_id] = True
    for row in rows:
        targets = [total] if row["organisation_id"] is None else [fig(row["organisation_id"]), total]
        for target in targets:
            target.volume += 1
            if row["replied_at"] is not None and row["organisation_id"] is not None:
                target.replies += 1
                t = Ticket(replied_at=row["replied_at"], due_on=row["due_on"], due_at=row["due_at"])
                target.replies_on_time += _on_time(t)
            if row["satisfaction"]:
                target.visits += 1
                target.solved += bool(row["solved"])
                target.satisfied += row["satisfaction"] in (Satisfaction.SATISFIED, Satisfaction.BASICALLY)
    organisations = Organisation.objects.in_bulk(list(per))
    shown = []
    for org_id, figures in per.items():
        figures.organisation = organisations.get(org_id)
        # Only the organisations the user supervises get a row of their own.
        if figures.organisation is not None and can(user, Perm.SUPERVISE, figures.organisation):
            shown.append(figures)
    shown.sort(key=lambda f: (-f.volume, f.organisation.name))
    return [*shown, total]


@dataclass(frozen=True)
class Trend:
    label: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


def trends(
    user: Any, *, period: Period, organisation: Organisation | None = None, limit: int = 10
) -> dict[str, list[Trend]]:
    """Categories and places (区/县) whose volume rose against the previous period, largest rise first."""
    result: dict[str, list[Trend]] = {}
    now_rows = list(_tickets(user, organisation, period).values_list("category__name", "address"))
    before_rows = list(_tickets(user, organisation, period.previous).values_list("category__name", "address"))
    for name, pick in (("categories", lambda r: r[0]), ("places", lambda r: area_of(r[1]) or "")):
        now = Counter(pick(r) for r in now_rows)
        before = Counter(pick(r) for r in before_rows)
        rising = [Trend(k, now[k], before[k]) for k in now if k and now[k] > before[k]]
        rising.sort(key=lambda t: (-t.change, -t.current, t.label))
        result[name] = rising[:limit]
    return result


def daily_volume(
    user: Any, *, period: Period, organisation: Organisation | None = None
) -> list[tuple[str, int]]:
    """Tickets received per day of the period (every day listed, zeros included)."""
    counts = Counter(
        timezone.localdate(at)
        for at in _tickets(user, organisation, period).values_list("received_at", flat=True)
    )
    days = (period.end - period.start).days + 1
    return [
        ((period.start + dt.timedelta(days=i)).isoformat(), counts[period.start + dt.timedelta(days=i)])
        for i in range(days)
    ]


def alerts_visible(user: Any, *, limit: int = 10) -> list[HotspotAlert]:
    """Recent hot-topic alerts with at least one ticket in ``user``'s 督办 scope (the in-app notice)."""
    visible = tickets_supervised(user).values("pk")
    return list(
        HotspotAlert.objects.filter(tickets__in=visible)
        .distinct()
        .select_related("category")
        .prefetch_related(Prefetch("tickets", queryset=Ticket.objects.only("pk", "number")))
        .order_by("-created_at")[:limit]
    )


# --- charts --------------------------------------------------------------------------------------------------


def svg_bars(points: list[tuple[str, int]], *, title: str, width: int = 640, height: int = 200) -> SafeString:
    """A bar chart as inline SVG (labels escaped); ``role="img"`` with the title, the data being in the table
    the page shows beside it."""
    top = max((v for _l, v in points), default=0) or 1
    n = max(len(points), 1)
    pad, base = 30, height - 30
    step = (width - pad * 2) / n
    bar = max(step * 0.7, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>',
        f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="currentColor"/>',
        f'<text x="{pad - 4}" y="{pad}" text-anchor="end" font-size="10">{top}</text>',
    ]
    label_every = max(1, n // 10)
    for i, (label, value) in enumerate(points):
        h = (base - pad) * value / top
        x = pad + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#3b6ea5">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{base + 14}" text-anchor="middle" font-size="9">'
                f"{escape(label[-5:])}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


# --- export ---------------------------------------------------------------------------------------------------

FIGURE_COLUMNS = (
    "承办单位",
    "受理量",
    "派单次数",
    "响应率",
    "按时办结率",
    "退单率",
    "派单准确率",
    "中心改派",
    "解决率",
    "满意率",
)


def _text(sheet, *columns: int) -> None:
    """Cells that hold user text stay text: a value starting with "=" is never a formula."""
    for column in columns:
        cell = sheet.cell(row=sheet.max_row, column=column)
        if cell.value is not None:
            cell.value = str(cell.value)
            cell.data_type = "s"


def figures_xlsx(*, figures: list[Figures], trend: dict[str, list[Trend]], period: Period) -> bytes:
    """The figures and the rising categories and places as a workbook (热线统计, 上升分类, 上升区域)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "热线统计"
    sheet.append([f"统计期间 {period.start.isoformat()} 至 {period.end.isoformat()}（按受理时间）"])
    sheet.append(list(FIGURE_COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for fig in figures:
        rates = [
            fig.response_rate,
            fig.on_time_rate,
            fig.send_back_rate,
            fig.dispatch_accuracy,
            fig.solve_rate,
            fig.satisfaction_rate,
        ]
        sheet.append(
            [
                fig.organisation.name if fig.organisation else "合计",
                fig.volume,
                fig.dispatches,
                *[round(r, 4) if r is not None else None for r in rates[:4]],
                fig.reassigned,
                *[round(r, 4) if r is not None else None for r in rates[4:]],
            ]
        )
        _text(sheet, 1)
        for column in (4, 5, 6, 7, 9, 10):
            sheet.cell(row=sheet.max_row, column=column).number_format = "0.0%"
    for key, title in (("categories", "上升分类"), ("places", "上升区域")):
        ws = book.create_sheet(title)
        ws.append(["名称", "本期", "上期", "增加"])
        for t in trend.get(key, []):
            ws.append([t.label, t.current, t.previous, t.change])
            _text(ws, 1)
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Dashboard:
    period: Period
    organisation: Organisation | None
    figures: list[Figures] = field(default_factory=list)
    trend: dict[str, list[Trend]] = field(default_factory=dict)
    daily: list[tuple[str, int]] = field(default_factory=list)


def dashboard_build(user: Any, *, period: Period, organisation: Organisation | None = None) -> Dashboard:
    """Everything the dashboard page and its export show."""
    return Dashboard(
        period=period,
        organisation=organisation,
        figures=figures_compute(user, period=period, organisation=organisation),
        trend=trends(user, period=period, organisation=organisation),
        daily=daily_volume(user, period=period, organisation=organisation),
    )
