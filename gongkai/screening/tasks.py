"""Background jobs of pre-publication screening (Huey): screen a large attachment after the submit commits."""

from huey.contrib.djhuey import db_task

from gongkai.screening.services import screening_run


@db_task(retries=1, retry_delay=30)
def run_screening(screening_id: int) -> str:
    return screening_run(screening_id=screening_id).status
