"""``gongkai foi due ID`` prints the due date with its explanation."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.foi.tests.factories import file_application

pytestmark = pytest.mark.django_db


def test_due_prints_the_explained_deadline(education):
    application, _ = file_application(education, on=dt.date(2026, 9, 18))
    out = io.StringIO()
    call_command("foi", "due", str(application.pk), stdout=out)
    assert "2026-10-22 到期：2026-09-18 收到申请，自次日起算 20 个工作日" in out.getvalue()
    assert "第三十三条" in out.getvalue()


def test_due_of_unknown_application_fails():
    with pytest.raises(CommandError, match="No application"):
        call_command("foi", "due", "YSQ000")
