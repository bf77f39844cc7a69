"""``gongkai workdays``: working-day arithmetic and holiday schedules from the command line.

* ``workdays add YYYY-MM-DD N`` prints the N-th working day after the date (the date itself not counted;
  negative N counts back), ISO format, exit 0. Bad input: a message on stderr, exit 1.
* ``workdays`` (or ``workdays add``) with no date reads ``YYYY-MM-DD N`` pairs from standard input, one a
  line, and prints exactly one line per input line: the date, ``error: <reason>`` for a bad line (the rest
  go on), or an empty line for a blank or ``#`` comment line, so output line k answers input line k.
  Exit status 1 when any line failed, with a count on stderr.
* ``workdays count YYYY`` prints the number of working days in the year.
* ``workdays load FILE.yaml [--dry-run] [--by USERNAME]`` loads a schedule in the format of
  ``gongkai/core/holidays/YYYY.yaml`` through ``holiday_schedule_load`` (validated, audited).

A date in a year no schedule covers is an error naming the year to load (SPEC-regulations R7.4).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.dates import parse_iso_date
from gongkai.core.errors import GongkaiError
from gongkai.core.services import holiday_schedule_load, holiday_schedule_validate
from gongkai.core.workdays import WorkCalendar, parse_schedule_yaml

SOURCE_NAMES = {"loaded": "管理员加载", "shipped": "内置安排", "library": "chinese_calendar", "file": "文件"}


class Command(BaseCommand):
    help = (
        "Working days (SPEC-regulations R7): 'add YYYY-MM-DD N' prints the N-th working day after the date; "
        "with no arguments reads 'YYYY-MM-DD N' lines from stdin; 'count YYYY'; 'load FILE.yaml'."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="{add,count,load}")
        add = sub.add_parser("add", help="N-th working day after a date; no arguments: read pairs from stdin")
        add.add_argument("date", nargs="?", help="start date, YYYY-MM-DD (not counted)")
        add.add_argument("n", nargs="?", help="number of working days (negative: before the date)")
        count = sub.add_parser("count", help="working days in a year")
        count.add_argument("year")
        load = sub.add_parser("load", help="load a holiday schedule YAML file (format of holidays/YYYY.yaml)")
        load.add_argument("file")
        load.add_argument("--dry-run", action="store_true", help="validate and report without saving")
        load.add_argument("--by", metavar="USERNAME", help="administrator recorded as having loaded it")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if action == "count":
            self._count(options["year"])
        elif action == "load":
            self._load(options["file"], dry_run=options["dry_run"], username=options["by"])
        elif action == "add" and (options["date"] is not None or options["n"] is not None):
            if options["n"] is None:
                raise CommandError("用法：workdays add YYYY-MM-DD N")
            try:
                self.stdout.write(_answer(options["date"], options["n"], WorkCalendar()))
            except GongkaiError as exc:
                raise CommandError(exc.message) from exc
        else:
            self._read_stdin(options.get("stdin") or sys.stdin)

    def _read_stdin(self, stream: Any) -> None:
        calendar = WorkCalendar()
        failures = 0
        for line in stream:
            fields = line.split()
            if not fields or fields[0].startswith("#"):
                self.stdout.write("")
                continue
            try:
                if len(fields) != 2:
                    raise CommandError("每行应为“YYYY-MM-DD N”两项，用空格分隔")
                self.stdout.write(_answer(fields[0], fields[1], calendar))
            except (GongkaiError, CommandError) as exc:
                failures += 1
                self.stdout.write(f"error: {getattr(exc, 'message', exc)}")
        if failures:
            raise CommandError(f"{failures} 行出错")

    def _count(self, year_text: str) -> None:
        try:
            year = int(year_text)
        except ValueError as exc:
            raise CommandError(f"年份应为四位数：{year_text!r}") from exc
        try:
            self.stdout.write(str(WorkCalendar().working_days_in_year(year)))
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc

    def _load(self, filename: str, *, dry_run: bool, username: str | None) -> None:
        try:
            text = Path(filename).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取文件 {filename}：{exc}") from exc
        actor = None
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"用户 {username} 不存在")
        try:
            parsed = parse_schedule_yaml(text)
            kwargs = {
                "year": parsed.year,
                "rest_days": parsed.rest_days,
                "makeup_workdays": parsed.makeup_workdays,
                "notice_number": parsed.notice_number,
                "notice_date": parsed.notice_date,
            }
            rest, makeup = holiday_schedule_validate(**kwargs)
            if not dry_run:
                holiday_schedule_load(**kwargs, actor=actor)
        except GongkaiError as exc:
            raise CommandError(exc.message) from exc
        if dry_run:
            state = f"校验通过（未保存；现用：{_source_name(WorkCalendar(), parsed.year)}）"
        else:
            state = "已加载"
        self.stdout.write(
            f"{parsed.year} 年节假日安排{state}：放假 {len(rest)} 天，调休上班 {len(makeup)} 天，"
            f"全年工作日 {parsed.working_days()} 天"
        )


def _answer(date_text: str, n_text: str, calendar: WorkCalendar) -> str:
    try:
        start = parse_iso_date(date_text, "date")
    except GongkaiError as exc:
        raise CommandError(f"日期应为有效的 YYYY-MM-DD：{date_text!r}") from exc
    try:
        n = int(n_text)
    except ValueError as exc:
        raise CommandError(f"工作日数应为整数：{n_text!r}") from exc
    return calendar.add_working_days(start, n).isoformat()


def _source_name(calendar: WorkCalendar, year: int) -> str:
    try:
        return SOURCE_NAMES[calendar.schedule(year).source]
    except GongkaiError:
        return "无"
