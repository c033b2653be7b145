"""The road's jobs (Huey): evidence expiry reminders (once each, daily); every assessment's
forecast computed again for the national table (nightly); the forecasts a change moves (after the
change commits); the units below a unit computed again on request (the table's "hitung ulang")."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from zona.orgs.models import Unit

from .readiness import expiry_reminders_send
from .snapshots import below_refresh, changed_refresh, forecasts_refresh


@db_periodic_task(crontab(hour="6", minute="55"))
def evidence_expiry_reminders() -> int:
    return expiry_reminders_send(today=timezone.localdate())


@db_periodic_task(crontab(hour="2", minute="30"))
def forecasts_nightly() -> int:
    return forecasts_refresh(today=timezone.localdate())


@db_task(retries=2, retry_delay=30)
def forecasts_changed(changed: dict[str, list[int]]) -> int:
    return changed_refresh(changed, today=timezone.localdate())


@db_task()
def forecasts_below(unit_id: int, year: int) -> int:
    unit = Unit.objects.filter(pk=unit_id).first()
    return below_refresh(unit, year, today=timezone.localdate()) if unit else 0
