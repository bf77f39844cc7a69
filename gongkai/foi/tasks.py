"""Background jobs for information-disclosure applications (Huey): the daily deadline reminders."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="8", minute="0"))
def send_deadline_reminders() -> int:
    """Mail handlers 5 and 2 working days before a due date, supervisors once it is overdue (``foi.reminders``)."""
    from django.utils import timezone

    from gongkai.foi.reminders import reminders_send

    return reminders_send(today=timezone.localdate())
