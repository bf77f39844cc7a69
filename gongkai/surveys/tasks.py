"""Background jobs of opinion surveys (Huey): closing the surveys whose closing time has come."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def close_overdue_surveys() -> int:
    """Every five minutes, close through the workflow each open survey whose closing time has passed."""
    from gongkai.surveys.services import surveys_close_overdue

    return surveys_close_overdue()
