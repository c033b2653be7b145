"""Evidence readiness: each LKE question's expected evidence as a checklist, and whether the
evidence attached to the unit's answer still counts.

An item is stale for an assessment of year Y when (data/road.yaml, readiness):
- its period (or, without one, its document date) lies outside Y: evidence of another year;
- it expires before the proposal deadline;
- the TPI has not verified it (waiting or rejected).
A question expecting evidence with no fresh item is "missing" (nothing attached) or "stale"; a
question with an evaluator's request not settled yet is at best "partly ready" and does not count.
Scenarios (b) and (c) of the forecast count an answer only when its question has a fresh item."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from zona.evaluation.selectors import pending_by_ref
from zona.evidence.models import EvidenceItem, Status
from zona.lib.yamlfile import load_yaml
from zona.lke.instrument import Instrument, Question
from zona.lke.models import Answer, Assessment, Level
from zona.notifications.services import Notice, notifications_deliver, notify

from .rules import rules

REASONS = {
    "wrong_year": gettext_lazy("of another year"),
    "expired": gettext_lazy("expires before the proposal deadline"),
    "unverified": gettext_lazy("not verified by the TPI"),
}
STATES = {
    "ready": gettext_lazy("ready"),
    "partial": gettext_lazy("partly ready"),
    "stale": gettext_lazy("stale"),
    "missing": gettext_lazy("missing"),
}


@dataclass(frozen=True)
class ItemState:
    pk: int
    title: str
    reasons: tuple[str, ...]
    dates: dict = field(default_factory=dict, compare=False, hash=False)  # the item's own dates

    @property
    def stale(self) -> bool:
        return bool(self.reasons)

    def reason_texts(self) -> list[str]:
        return [str(REASONS[r]) for r in self.reasons]


@dataclass
class QuestionReadiness:
    ref: str
    checklist: list[str]
    items: list[ItemState] = field(default_factory=list)
    requested: int = 0  # evaluators' requests on the question not settled yet

    @property
    def fresh(self) -> list[ItemState]:
        return [i for i in self.items if not i.stale]

    @property
    def covered(self) -> int:
        """Checklist lines a fresh document stands for (one each, in the checklist's order)."""
        return min(len(self.fresh), len(self.checklist))

    @property
    def counts(self) -> bool:
        """The answer may be claimed at the proposal: at least one fresh document, no evaluator's
        request pending."""
        return (bool(self.fresh) or not self.checklist) and not self.requested

    @property
    def state(self) -> str:
        if self.requested and (not self.checklist or self.covered >= len(self.checklist)):
            return "partial"
        if not self.checklist:
            return "ready"
        if not self.items:
            return "missing"
        if not self.fresh:
            return "stale"
        return "ready" if self.covered >= len(self.checklist) else "partial"

    @property
    def state_text(self) -> str:
        return str(STATES[self.state])


def item_reasons(item: dict, year: int, deadline: date) -> tuple[str, ...]:
    """Why an evidence item (its fields as a dict) no longer counts for the year's assessment."""
    reasons = []
    start, end, dated = item["period_start"], item["period_end"], item["effective_date"]
    if start or end:
        if (start and start.year > year) or (end and end.year < year):
            reasons.append("wrong_year")
    elif dated and dated.year != year:
        reasons.append("wrong_year")
    if item["expires_on"] and item["expires_on"] < deadline:
        reasons.append("expired")
    if item["status"] != Status.VERIFIED:
        reasons.append("unverified")
    return tuple(reasons)


_TOP_LEVEL = re.compile(r",\s*(?:dan\s+)?|;\s*|\s+dan\s+")


def split_documents(text: str) -> list[str]:
    """The documents a guidance's "bukti" sentence names: split at commas, semicolons and "dan"
    outside brackets ("Notula, daftar hadir (undangan, foto) dan laporan" → three)."""
    parts, depth, start = [], 0, 0
    text = " ".join(text.split()).rstrip(".")
    position = 0
    while position < len(text):
        char = text[position]
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            match = _TOP_LEVEL.match(text, position)
            if match and match.end() > position:
                parts.append(text[start:position])
                start = position = match.end()
                continue
        position += 1
    parts.append(text[start:])
    return [p.strip()[:1].upper() + p.strip()[1:] for p in parts if p.strip()]


@cache
def _checklist_file(path: str) -> dict[str, list[str]]:
    found = Path(path)
    if not found.exists():
        return {}
    raw = load_yaml(found) or {}
    return {ref: [str(e["item"]) for e in entries] for ref, entries in (raw.get("questions") or {}).items()}


def checklist(instrument: Instrument, question: Question) -> list[str]:
    """The question's expected evidence: the checklist file's lines, else its guidance's."""
    listed = {}
    if instrument.path is not None:
        listed = _checklist_file(
            str(instrument.path.parent / "guidance" / f"checklist-{instrument.path.stem}.yaml")
        )
    if question.ref in listed:
        return listed[question.ref]
    return list(_documents(question.guidance.get("bukti", "")))


@cache
def _documents(text: str) -> tuple[str, ...]:
    return tuple(split_documents(text))


ITEM_FIELDS = ("pk", "title", "status", "period_start", "period_end", "effective_date", "expires_on")


def readiness(assessment: Assessment, instrument: Instrument, deadline: date) -> dict[str, QuestionReadiness]:
    """ref → the question's checklist, the state of each item attached to the unit's own answer
    and the evaluators' requests pending on it (two queries, whatever the number of questions)."""
    found = {ref: QuestionReadiness(ref, checklist(instrument, q)) for ref, q in instrument.questions.items()}
    through = Answer.evidence.through
    rows = through.objects.filter(answer__assessment=assessment, answer__level=Level.SELF).values_list(
        "answer__ref", *(f"evidenceitem__{f}" for f in ITEM_FIELDS)
    )
    for ref, *values in rows.order_by("answer__ref", "evidenceitem_id"):
        if ref in found:
            item = dict(zip(ITEM_FIELDS, values, strict=True))
            reasons = item_reasons(item, assessment.year, deadline)
            dates = {k: item[k] for k in ("effective_date", "period_start", "period_end", "expires_on")}
            found[ref].items.append(ItemState(item["pk"], item["title"], reasons, dates))
    for ref, count in pending_by_ref(assessment).items():
        if ref in found:
            found[ref].requested = count
    return found


def by_area(instrument: Instrument, found: dict[str, QuestionReadiness]) -> list[dict]:
    """Per area (Pemenuhan and Reform together) and for the Hasil: how many questions are ready,
    partly ready, stale, missing."""
    rows: dict[str, dict] = {}
    for group in instrument.groups():
        key = str(group.area) if group.area is not None else group.ref.split(".")[0]
        name = (
            next((n.name for n in instrument.areas("I") if n.area == group.area), "")
            if group.area
            else "Hasil"
        )
        row = rows.setdefault(key, {"code": key, "name": name, **dict.fromkeys(STATES, 0)})
        for question in group.questions:
            row[found[question.ref].state] += 1
    return list(rows.values())


def _expiry_notices(today: date) -> list[Notice]:
    days = sorted(rules()["readiness"]["reminder_days"])
    items = EvidenceItem.objects.filter(
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=max(days)),
        created_by__isnull=False,
        created_by__is_active=True,
    ).select_related("unit")
    notices = []
    for item in items:
        left = (item.expires_on - today).days
        offset = next(d for d in days if left <= d)  # the nearest reminder due: one each
        text = _("%(title)s (%(unit)s) is valid until %(date)s: %(days)s days left") % {
            "title": item.title[:200],
            "unit": item.unit.code,
            "date": item.expires_on.strftime("%d-%m-%Y"),
            "days": left,
        }
        key = f"evidence-expiry:{item.pk}:{item.expires_on.isoformat()}:{offset}"
        notices.append(
            Notice(
                user_id=item.created_by_id,
                key=key,
                text=text,
                url=reverse("evidence:download_current", args=[item.pk]),
            )
        )
    return notices


def expiry_reminders_send(*, today: date) -> int:
    """Remind each item's owner 30, 7 and 1 days before it expires, once each (the notification's
    key names the item, its expiry and the offset: run twice, nothing new)."""
    with override(settings.LANGUAGE_CODE):
        created = notify(_expiry_notices(today))
        notifications_deliver()
    return created
