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
