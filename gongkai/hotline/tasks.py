"""Background jobs of the hotline (Huey): the de-identified public copy of a description, and its repairing sweep."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from gongkai.hotline import public_copy


@db_task(retries=3, retry_delay=10)
def make_public_copy(ticket_id: int) -> bool:
    return public_copy.ticket_public_copy_make(ticket_id=ticket_id)


@db_periodic_task(crontab(minute="*/5"))
def sweep_public_copies() -> int:
    return public_copy.public_copies_sweep()
