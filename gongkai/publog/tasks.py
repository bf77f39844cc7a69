"""Background jobs of the publication log (Huey): take unlogged public records in, then sign a tree head."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from gongkai.publog.services import records_adopt, tree_head_sign


@db_periodic_task(crontab(minute="*/10"))
def sign_tree_head() -> int | None:
    """Every ten minutes: log public records made outside the workflow, then sign the head if the log grew (or
    once a day when it did not). Returns the signed size."""
    records_adopt()
    head = tree_head_sign(force=False)
    return head.tree_size if head else None
