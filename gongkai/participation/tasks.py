"""Background jobs of public participation (Huey): closing the comment periods that have passed."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/10"))
def close_overdue_consultations() -> int:
    """Every ten minutes, close through the workflow each open consultation whose last day has passed."""
    from gongkai.participation.services import consultations_close_overdue

    return consultations_close_overdue()
