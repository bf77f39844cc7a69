"""Background jobs for records (Huey): scheduled publishing every minute."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from gongkai.documents.services import documents_publish_due


@db_periodic_task(crontab(minute="*"))
def publish_scheduled_documents() -> int:
    return documents_publish_due()
