"""The ``gongkai`` console command maps user-facing names onto Django's management commands."""

import pytest

from gongkai.cli import main


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Commands run in this process create their folders under a temporary directory, not ./var."""
    settings.DATA_DIR = tmp_path / "var"
    settings.STATIC_ROOT = tmp_path / "var" / "static"


@pytest.mark.django_db
def test_hyphenated_name_runs_the_underscored_command(capsys):
    main(["workdays", "add", "2026-01-30", "7"])
    assert capsys.readouterr().out.strip() == "2026-02-10"


@pytest.mark.django_db
def test_load_demo_alias_runs_load_demo_data_and_prints_the_login(capsys):
    main(["load-demo"])
    out = capsys.readouterr().out
    assert "staff login" in out
    assert "gongkai-demo" in out


def test_serve_refuses_a_bad_port():
    with pytest.raises(SystemExit):
        main(["serve", "--port", "70000", "--no-worker"])


def test_workdays_answers_before_the_database_is_migrated(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "workdays", "add", "2026-09-18", "20"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "2026-10-22")


def _run_in(directory, *args: str):
    """Run ``gongkai ARGS`` in ``directory`` with the default settings (SQLite, SQLite job queue, ./var)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import gongkai

    unset = {"GONGKAI_DATA_DIR", "DATABASE_URL", "REDIS_URL", "HUEY_IMMEDIATE", "STATIC_ROOT", "MEDIA_ROOT"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env["PYTHONPATH"] = str(Path(gongkai.__file__).resolve().parents[1])  # this checkout's package
    return subprocess.run(  # noqa: S603 - the tests choose the arguments
        [sys.executable, "-m", "gongkai.cli", *args],
        capture_output=True,
        text=True,
        cwd=directory,
        env=env,
        timeout=120,
        check=False,
    )


def test_deidentify_leaves_no_var_folder_behind(tmp_path):
    (tmp_path / "notice.txt").write_text("当事人：王小明，电话13800138000\n", encoding="utf-8")
    result = _run_in(tmp_path, "deidentify", "notice.txt")
    assert (result.returncode, result.stdout) == (0, "当事人：王某某，电话138****8000\n")
    assert not (tmp_path / "var").exists()


def test_workdays_add_leaves_no_var_folder_behind(tmp_path):
    result = _run_in(tmp_path, "workdays", "add", "2026-01-05", "3")
    assert (result.returncode, result.stdout.strip()) == (0, "2026-01-08")
    assert not (tmp_path / "var").exists()
