"""``gongkai workdays``: add, stdin pairs, count, load."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.cli import main as gongkai_main
from gongkai.core.management.commands.workdays import Command
from gongkai.core.models import AuditEvent, HolidaySchedule

pytestmark = pytest.mark.django_db

YAML_2027 = """\
year: 2027
notice_number: 测试〔2026〕1号
notice_date: 2026-11-20
holidays:
  - name: 元旦
    rest: 2027-01-01
  - name: 春节
    rest: {first: 2027-02-05, last: 2027-02-10}
    makeup: [2027-02-13]
"""


def run(*args, stdin=None):
    out = io.StringIO()
    options = {"stdout": out}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command("workdays", *args, **options)
    return out.getvalue()


def run_argv(*args):
    """Run as from a shell: errors go to stderr and end in SystemExit with the exit status."""
    Command().run_from_argv(["manage.py", "workdays", *args])


# --- add ------------------------------------------------------------------------------------------------


def test_add_prints_the_nth_working_day():
    assert run("add", "2026-01-30", "7") == "2026-02-10\n"


def test_add_from_the_shell_prints_only_the_date(capsys):
    run_argv("add", "2026-09-18", "40")
    assert capsys.readouterr().out == "2026-11-19\n"


def test_add_with_negative_n_counts_back(capsys):
    run_argv("add", "2026-02-10", "-7")
    assert capsys.readouterr().out == "2026-01-30\n"


def test_add_with_bad_date_exits_non_zero_with_message_on_stderr(capsys):
    with pytest.raises(SystemExit) as caught:
        run_argv("add", "2026-02-30", "7")
    captured = capsys.readouterr()
    assert caught.value.code == 1
    assert "日期应为有效的 YYYY-MM-DD" in captured.err
    assert captured.out == ""


def test_add_with_non_integer_n_is_an_error():
    with pytest.raises(CommandError, match="工作日数应为整数"):
        run("add", "2026-01-30", "seven")


def test_add_with_date_but_no_n_is_an_error():
    with pytest.raises(CommandError, match="用法"):
        run("add", "2026-01-30")


def test_add_into_unknown_year_names_the_year_to_load():
    with pytest.raises(CommandError, match="缺少 2027 年节假日安排，请管理员先加载该年度安排"):
        run("add", "2026-12-20", "20")


def test_gongkai_console_command_maps_workdays(capsys):
    gongkai_main(["workdays", "add", "2026-01-30", "20"])
    assert capsys.readouterr().out == "2026-03-05\n"


# --- stdin ----------------------------------------------------------------------------------------------


def test_plain_workdays_reads_pairs_from_stdin():
    assert run(stdin="2026-01-30 7\n2025-09-26 20\n") == "2026-02-10\n2025-10-30\n"


def test_add_without_arguments_reads_pairs_from_stdin():
    assert run("add", stdin="2025-01-24 7\n") == "2025-02-10\n"


def test_stdin_bad_line_prints_error_on_its_line_and_the_rest_go_on():
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 行出错"):
        call_command(
            "workdays",
            stdout=out,
            stdin=io.StringIO("2026-01-30 7\n2026-13-01 3\n2026-12-20 20\n2026-09-18 20\n"),
        )
    assert out.getvalue().splitlines() == [
        "2026-02-10",
        "error: 日期应为有效的 YYYY-MM-DD：'2026-13-01'",
        "error: 缺少 2027 年节假日安排，请管理员先加载该年度安排",
        "2026-10-22",
    ]


def test_stdin_line_with_wrong_number_of_fields_is_an_error_line():
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("workdays", stdout=out, stdin=io.StringIO("2026-01-30 7 extra\n"))
    assert out.getvalue() == "error: 每行应为“YYYY-MM-DD N”两项，用空格分隔\n"


def test_stdin_blank_and_comment_lines_give_empty_output_lines():
    assert run(stdin="2026-01-30 7\n\n# note\n2026-01-30 20\n") == "2026-02-10\n\n\n2026-03-05\n"


def test_stdin_with_errors_exits_non_zero_from_the_shell(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("2026-01-30 7\nbad 1\n"))
    with pytest.raises(SystemExit) as caught:
        run_argv()
    captured = capsys.readouterr()
    assert caught.value.code == 1
    assert captured.out == "2026-02-10\nerror: 日期应为有效的 YYYY-MM-DD：'bad'\n"
    assert "1 行出错" in captured.err


def test_stdin_reads_each_year_schedule_once(django_assert_num_queries):
    lines = "".join(f"2026-03-{day:02d} 10\n" for day in range(1, 31))
    with django_assert_num_queries(1):
        run(stdin=lines)


# --- count ----------------------------------------------------------------------------------------------


def test_count_prints_working_days_in_the_year():
    assert run("count", "2026") == "248\n"


def test_count_of_unknown_year_is_an_error():
    with pytest.raises(CommandError, match="缺少 2027 年节假日安排"):
        run("count", "2027")


def test_count_of_non_numeric_year_is_an_error():
    with pytest.raises(CommandError, match="年份应为四位数"):
        run("count", "next")


# --- load -----------------------------------------------------------------------------------------------


@pytest.fixture
def schedule_file(tmp_path):
    path = tmp_path / "2027.yaml"
    path.write_text(YAML_2027, encoding="utf-8")
    return path


def test_load_saves_the_schedule_and_prints_a_summary(schedule_file):
    out = run("load", str(schedule_file))
    assert out == "2027 年节假日安排已加载：放假 7 天，调休上班 1 天，全年工作日 257 天\n"
    assert HolidaySchedule.objects.get(year=2027).makeup_workdays == ["2027-02-13"]


def test_loaded_file_makes_add_work_for_that_year(schedule_file):
    run("load", str(schedule_file))
    assert run("add", "2026-12-20", "20") == "2027-01-18\n"


def test_load_dry_run_saves_nothing(schedule_file):
    out = run("load", str(schedule_file), "--dry-run")
    assert "校验通过（未保存；现用：无）" in out
    assert not HolidaySchedule.objects.exists()
    assert not AuditEvent.objects.exists()


def test_load_records_the_administrator_given_with_by(schedule_file, admin_user):
    run("load", str(schedule_file), "--by", admin_user.username)
    assert HolidaySchedule.objects.get(year=2027).loaded_by == admin_user
    assert AuditEvent.objects.get().actor == admin_user


def test_load_with_unknown_user_is_an_error(schedule_file):
    with pytest.raises(CommandError, match="用户 nobody 不存在"):
        run("load", str(schedule_file), "--by", "nobody")


def test_load_of_invalid_schedule_is_an_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(YAML_2027.replace("[2027-02-13]", "[2027-02-12]"), encoding="utf-8")
    with pytest.raises(CommandError, match="调休上班日 2027-02-12 是星期五"):
        run("load", str(path))
    assert not HolidaySchedule.objects.exists()


def test_load_of_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        run("load", str(tmp_path / "missing.yaml"))
