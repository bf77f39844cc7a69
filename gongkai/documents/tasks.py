"""Background jobs for records (Huey): scheduled publishing every minute, attachment text after upload,
reminder (催办) mail."""

from collections.abc import Callable

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from gongkai.documents.services import attachment_extract_text, documents_publish_due


@db_periodic_task(crontab(minute="*"))
def publish_scheduled_documents() -> int:
    return documents_publish_due()


# Called with the attachment id once its text is stored (the search index subscribes here).
_text_hooks: list[Callable[[int], None]] = []


def on_text_extracted(hook: Callable[[int], None]) -> None:
    """Run ``hook(attachment_id)`` after an attachment's text has been extracted and stored."""
    if hook not in _text_hooks:
        _text_hooks.append(hook)


@db_task(retries=2, retry_delay=30)
def extract_attachment_text(attachment_id: int) -> bool:
    done = attachment_extract_text(attachment_id=attachment_id)
    if done:
        for hook in _text_hooks:
            hook(attachment_id)
    return done


@db_task(retries=2, retry_delay=60)
def send_urge_mail(event_id: int) -> int:
    """Mail a reminder (催办) to the staff of the organisation it was sent to (``documents.supervision``)."""
    from gongkai.documents.supervision import urge_mail_send

    return urge_mail_send(event_id=event_id)
