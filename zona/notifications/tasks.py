"""The worker's notification job: e-mail what `notify_now` has just created."""

from huey.contrib.djhuey import db_task

from .services import notifications_deliver


@db_task(retries=2, retry_delay=30)
def notifications_deliver_task() -> int:
    return notifications_deliver()
