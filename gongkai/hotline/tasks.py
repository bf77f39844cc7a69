"""Hotline background jobs (Huey): the de-identified public copy of a description and its repairing sweep, 督办
mail, and the hot-topic detector every hour."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from gongkai.hotline import public_copy


@db_task(retries=3, retry_delay=10)
def make_public_copy(ticket_id: int) -> bool:
    """One ticket's copy (jobs queued before the batch job existed)."""
    return public_copy.ticket_public_copy_make(ticket_id=ticket_id)


@db_task(retries=3, retry_delay=10)
def make_public_copies() -> None:
    """The copies of every ticket waiting for one, in batches (``hotline.public_copy.public_copies_make``).
    Returns nothing, so that Huey stores no result per job."""
    public_copy.public_copies_make()


@db_periodic_task(crontab(minute="*/5"))
def sweep_public_copies() -> int:
    return public_copy.public_copies_sweep()


@db_task(retries=2, retry_delay=60)
def send_ticket_urge_mail(event_id: int) -> int:
    """Mail a 督办 to the handling department's staff (``hotline.dispatch.ticket_urge``)."""
    from gongkai.hotline.dispatch import urge_mail_send

    return urge_mail_send(event_id=event_id)


@db_task(retries=2, retry_delay=60)
def send_hotspot_mail(alert_id: int) -> int:
    """Mail a hot-topic alert to the supervisors (``hotline.hotspots``)."""
    from gongkai.hotline.hotspots import alert_mail_send

    return alert_mail_send(alert_id=alert_id)


@db_periodic_task(crontab(minute="5"))
def detect_hotspots() -> int:
    """Look for clusters rising above their usual level over the last day; returns how many alerts were new."""
    from django.utils import timezone

    from gongkai.hotline.hotspots import hotspots_detect

    return len(hotspots_detect(at=timezone.now()))
