"""Background jobs of the search index (Huey): re-index after a vocabulary change, and the repairing sweep."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from gongkai.search import services


@db_task(retries=2, retry_delay=60)
@lock_task("search-reindex")
def reindex_search() -> dict[str, int]:
    return services.reindex()


@db_periodic_task(crontab(minute="*/5"))
def sweep_search_index() -> int:
    return services.sweep()
