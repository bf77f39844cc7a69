"""The ``gongkai`` console command maps user-facing names onto Django's management commands."""

import pytest

from gongkai.cli import main


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
