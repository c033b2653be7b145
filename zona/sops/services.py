"""Every write to the SOP register and what is read from it: an SOP with its first version, a
revision as a new version, a review (tetap / revisi / cabut), the next review date (at most the
period of data/review.yaml after approval or the last "tetap" review: three years by default, a
setting with its source, since no regulation names a period; `ZONA_SOP_REVIEW_YEARS` may shorten
it), the status of each SOP, and the reminders sent once before and once after a review falls due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_file_or
from zona.lib.errors import RuleError
from zona.lib.reminders import offset_days
from zona.lib.yamlfile import load_yaml
from zona.notifications.services import Notice, notify
from zona.orgs.holders import role_holders
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, roles_for

from .models import Reminder, Result, Review, Sop, Version

REVIEW_DATA = Path(__file__).parent / "data" / "review.yaml"


@cache
def review_period() -> tuple[int, str]:
    """(years, source) of data/review.yaml: the longest review cycle, and the period within which
    an SOP counts as evaluated for LKE A.I.2.i.c. A broken file stops Zona with the reason."""
    raw = load_yaml(REVIEW_DATA) or {}
    years, source = raw.get("review_years"), " ".join(str(raw.get("source", "")).split())
    if not isinstance(years, int) or not 1 <= years <= 10 or not source:
        raise ValueError(f"{REVIEW_DATA.name}: review_years is a whole number 1–10 with its source")
    return years, source


class SopError(RuleError):
    """A rule was broken; the message is for the user."""


def _today() -> date:
    return timezone.localdate()


def review_years() -> int:
    """The review cycle in years: the setting, never more than the data file's period."""
    return min(max(int(settings.ZONA_SOP_REVIEW_YEARS), 1), review_period()[0])


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February falls back to the 28th, never past the limit."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_limit(start: date) -> date:
    return add_years(start, review_years())


def _due(start: date, asked: date | None) -> date:
    limit = review_limit(start)
    if asked is None:
        return limit
    if asked <= start or asked > limit:
        raise SopError(
            _("The next review falls after %(start)s and by %(limit)s at the latest.")
            % {"start": start.strftime("%d/%m/%Y"), "limit": limit.strftime("%d/%m/%Y")}
        )
    return asked


def _document(unit: Unit, title: str, upload, by, day: date):
    return evidence_file_or(SopError, unit=unit, title=title, upload=upload, by=by, effective_date=day)


def _check_day(day: date) -> None:
    if day > _today():
        raise SopError(_("The date can't be in the future."))


@transaction.atomic
def sop_create(
    *, unit: Unit, title: str, process: str, is_service: bool, code: str, approved_on: date, signer: str,
    upload, by, review_due: date | None = None,
) -> Sop:  # fmt: skip
    if not title.strip() or not code.strip() or not signer.strip():
        raise SopError(_("Give the SOP's title, number and signer."))
    _check_day(approved_on)
    due = _due(approved_on, review_due)
    sop = Sop.objects.create(
        unit=unit,
        title=title.strip()[:300],
        process=process.strip()[:300],
        is_service=is_service,
        created_by=by,
    )
    document = _document(unit, f"SOP {code} {title}", upload, by, approved_on)
    Version.objects.create(
        sop=sop, number=1, code=code.strip()[:100], approved_on=approved_on, signer=signer.strip()[:200],
        document=document, review_due=due, created_by=by,
    )  # fmt: skip
    audit_record(
        actor=by, action="sop.created", obj=sop, unit=unit, changes={"code": code, "due": due.isoformat()}
    )
    return sop


@transaction.atomic
def version_add(
    *, sop: Sop, code: str, approved_on: date, signer: str, upload, by, note: str = "",
    review_due: date | None = None,
) -> Version:  # fmt: skip
    """A revision: the new text as the next version; the review clock starts again from it."""
    sop = Sop.objects.select_for_update().get(pk=sop.pk)
    if sop.withdrawn_on:
        raise SopError(_("This SOP was withdrawn."))
    current = sop.versions.first()
    _check_day(approved_on)
    if current and approved_on < current.approved_on:
        raise SopError(_("A revision is approved on or after the version it replaces."))
    if not code.strip() or not signer.strip():
        raise SopError(_("Give the SOP's number and signer."))
    number = (current.number if current else 0) + 1
    version = Version.objects.create(
        sop=sop, number=number, code=code.strip()[:100], approved_on=approved_on, signer=signer.strip()[:200],
        document=_document(sop.unit, f"SOP {code} {sop.title} (versi {number})", upload, by, approved_on),
        review_due=_due(approved_on, review_due), note=note.strip()[:1000], created_by=by,
    )  # fmt: skip
    audit_record(actor=by, action="sop.revised", obj=sop, unit=sop.unit, changes={"version": number})
    return version


@transaction.atomic
def review_record(
    *, sop: Sop, reviewed_on: date, reviewers: str, result: str, note: str, by, upload=None
) -> Review:
    sop = Sop.objects.select_for_update().get(pk=sop.pk)
    if sop.withdrawn_on:
        raise SopError(_("This SOP was withdrawn."))
    if result not in Result.values:
        raise SopError(_("Choose the result: tetap, revisi or cabut."))
    if not reviewers.strip():
        raise SopError(_("Name the reviewers."))
    current = sop.versions.first()
    _check_day(reviewed_on)
    if reviewed_on < current.approved_on:
        raise SopError(_("A review comes on or after the approval of the version it reviews."))
    minutes = (
        _document(sop.unit, f"Reviu SOP {current.code} {reviewed_on}", upload, by, reviewed_on)
        if upload
        else None
    )
    review = Review.objects.create(
        sop=sop, version=current, reviewed_on=reviewed_on, reviewers=reviewers.strip()[:500], result=result,
        note=note.strip()[:2000], minutes=minutes, created_by=by,
        next_due=review_limit(reviewed_on) if result == Result.KEEP else None,
    )  # fmt: skip
    if result == Result.WITHDRAW:
        sop.withdrawn_on = reviewed_on
        sop.save(update_fields=["withdrawn_on"])
    audit_record(actor=by, action="sop.reviewed", obj=sop, unit=sop.unit, changes={"result": result})
    return review


# -- status ------------------------------------------------------------------------------------


@dataclass
class Row:
    sop: Sop
    version: Version | None
    review: Review | None  # the latest review of the current version
    due: date | None
    status: str  # ok | upcoming | overdue | revision | withdrawn


def status_of(sop: Sop, today: date | None = None) -> Row:
    """Where an SOP stands; reads prefetched versions and reviews."""
    today = today or _today()
    versions = sorted(sop.versions.all(), key=lambda v: -v.number)
    version = versions[0] if versions else None
    reviews = [r for r in sop.reviews.all() if version and r.version_id == version.pk]
    review = max(reviews, key=lambda r: (r.reviewed_on, r.pk), default=None)
    if sop.withdrawn_on:
        return Row(sop, version, review, None, "withdrawn")
    if review is not None and review.result == Result.REVISE:
        return Row(sop, version, review, None, "revision")
    due = review.next_due if review is not None else (version.review_due if version else None)
    if due is None:
        return Row(sop, version, review, None, "ok")
    if due < today:
        status = "overdue"
    elif due <= today + timedelta(days=offset_days("sop_notice")):
        status = "upcoming"
    else:
        status = "ok"
    return Row(sop, version, review, due, status)


def sops_of(unit: Unit):
    return Sop.objects.filter(unit=unit).prefetch_related("versions__document", "reviews")


def register(unit: Unit, today: date | None = None) -> list[Row]:
    return [status_of(sop, today) for sop in sops_of(unit)]


def due_soon(unit: Unit, today: date | None = None) -> list[Row]:
    """SOPs overdue for review or due within the notice period, the most urgent first."""
    rows = [r for r in register(unit, today) if r.status in ("overdue", "upcoming")]
    return sorted(rows, key=lambda r: r.due)


def published_sops(unit: Unit) -> list[tuple[Sop, Version]]:
    """The unit's service SOPs in force, each with its current version: what the portal shows."""
    sops = Sop.objects.filter(unit=unit, is_service=True, withdrawn_on=None).prefetch_related("versions")
    return [(sop, sop.versions.all()[0]) for sop in sops if sop.versions.all()]


# -- reminders ---------------------------------------------------------------------------------


def sop_reminders(today: date | None = None) -> int:
    """Remind the unit's register managers of each SOP review falling due within the notice
    period, and again once it is overdue: one reminder per SOP, due date and kind, ever."""
    today = today or _today()
    horizon = today + timedelta(days=offset_days("sop_notice"))
    roles = roles_for(Action.MANAGE_REGISTERS)
    sent = 0
    for sop in (
        Sop.objects.filter(withdrawn_on=None).select_related("unit").prefetch_related("versions", "reviews")
    ):
        row = status_of(sop, today)
        if row.due is None or row.due > horizon:
            continue
        kind = "overdue" if row.due < today else "upcoming"
        _reminder, created = Reminder.objects.get_or_create(sop=sop, due_on=row.due, kind=kind)
        if not created:
            continue
        sent += 1
        text = (
            _("SOP review overdue since %(due)s: %(title)s")
            if kind == "overdue"
            else _("SOP review due on %(due)s: %(title)s")
        ) % {"due": row.due.strftime("%d/%m/%Y"), "title": sop.title}
        url = reverse("sops:detail", args=[sop.unit.slug, sop.pk])
        people = role_holders(sop.unit, roles)
        notify(
            [
                Notice(user_id=user_id, key=f"sop:{sop.pk}:{row.due.isoformat()}:{kind}", text=text, url=url)
                for user_id in people.values_list("pk", flat=True)
            ]
        )
    return sent
