"""Background jobs for records (Huey): scheduled publishing every minute, attachment text after upload,
reminder (催办) mail."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from gongkai.documents.services import attachment_extract_text, documents_publish_due


@db_periodic_task(crontab(minute="*"))
def publish_scheduled_documents() -> int:
    return documents_publish_due()


@db_task(retries=2, retry_delay=30)
def extract_attachment_text(attachment_id: int) -> bool:
    return attachment_extract_text(attachment_id=attachment_id)


@db_task(retries=2, retry_delay=60)
def send_urge_mail(event_id: int) -> int:
    """Mail a reminder (催办) to the staff of the organisation it was sent to (``documents.supervision``)."""
    from gongkai.documents.supervision import urge_mail_send

    return urge_mail_send(event_id=event_id)
