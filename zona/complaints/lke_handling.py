"""Complaint handling offered to the LKE beyond the Reform figure (lke_rules.py):

- A.I.5.iii.a policy implemented: B ("seluruh kebijakan ... sesuai dengan yang ditetapkan
  organisasi") when every complaint of the year is completed on time or still within its deadline
  and none was closed without a recorded completion; C otherwise (a completion after the deadline
  is not the procedure followed). A also asks for an innovation that fits the
  unit, which Zona cannot see: the suggestion says what to attach.
- A.I.5.iii.b complaints followed up: Ya when every complaint to follow up is completed or still
  within its deadline, and none was closed without a recorded completion; otherwise Tidak.
- A.I.6.iii.a channels: offline and online channels seen in the register (data/derivations.yaml),
  a complaint officer appointed in Zona, and the SP4N-LAPOR! link: every complaint carrying a
  LAPOR! tracking ID has its status on LAPOR! recorded (by hand or by the API link).
A year without complaints gives no suggestion (no data is not "no channel")."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.cases.models import Case
from zona.cases.services import is_overdue
from zona.lke.derivations import derivations
from zona.lke.suggestions import Suggestion, rule
from zona.orgs.holders import role_holders
from zona.orgs.models import Role

from .models import KIND
from .services import complaint_statistics


def _period(assessment) -> tuple[date, date]:
    return date(assessment.year, 1, 1), date(assessment.year, 12, 31)


def _link(assessment) -> str:
    start, end = _period(assessment)
    link = reverse("complaints:statistics", args=[assessment.unit.slug])
    return f"{link}?dari={start:%d/%m/%Y}&sampai={end:%d/%m/%Y}"


def _cases(assessment):
    start, end = _period(assessment)
    return Case.objects.filter(
        kind=KIND, unit=assessment.unit, received_on__gte=start, received_on__lte=end
    ).select_related("complaint")


def _handling(assessment):
    """The year's complaint statistics and the cases past their deadline without completion."""
    start, end = _period(assessment)
    stats = complaint_statistics(units=[assessment.unit], start=start, end=end)
    today = timezone.localdate()
    late = sum(1 for case in _cases(assessment) if is_overdue(case, today))
    return stats, late


@rule("A.I.5.iii.a")
def policy_implemented(assessment):
    """B, "telah mengimplementasikan seluruh kebijakan pengaduan masyarakat sesuai dengan yang
    ditetapkan organisasi", only when the register shows every complaint handled as the procedure
    says: each one to follow up completed or still within its deadline, none closed without a
    recorded completion. Otherwise C: the records do not show the whole policy implemented, and
    the reason says which cases. A (an innovation) is never suggested."""
    received = _cases(assessment).count()
    if not received:
        return None
    stats, late = _handling(assessment)
    finished_late = stats.completed - stats.on_time
    handled = not late and not finished_late and not stats.closed_unrecorded
    figures = _(
        "Complaint register %(year)s: %(n)s complaints received, %(due)s to follow up, %(done)s "
        "completed, %(late)s past their deadline without completion, %(unrecorded)s closed without "
        "a recorded completion."
    ) % {
        "year": assessment.year,
        "n": received,
        "due": stats.must_follow_up,
        "done": stats.completed,
        "late": late,
        "unrecorded": stats.closed_unrecorded,
    }
    if finished_late:
        figures += " " + _("%(n)s of the completed were completed after their deadline.") % {
            "n": finished_late
        }
    why = (
        _(
            "B: every complaint is completed or within its deadline. A also asks for an innovation in "
            "complaint handling that fits the unit, which Zona cannot see: if there is one, attach its "
            "description and evidence."
        )
        if handled
        else _(
            "Not B (the whole policy implemented as the organisation set it): complaints are past "
            "their deadline or closed without a recorded completion."
        )
    )
    return Suggestion(
        "B" if handled else "C",
        f"{figures} {why}",
        link=_link(assessment),
        figures=(
            (_("complaints received"), received),
            (_("completed"), stats.completed),
            (_("past the deadline"), late),
            (_("completed after the deadline"), finished_late),
            (_("closed without a recorded completion"), stats.closed_unrecorded),
        ),
    )


@rule("A.I.5.iii.b")
def followed_up(assessment):
    stats, late = _handling(assessment)
    if not stats.must_follow_up:
        return None
    answer = "Ya" if not late and not stats.closed_unrecorded else "Tidak"
    return Suggestion(
        answer,
        _(
            "Complaint register %(year)s: %(due)s to follow up, %(done)s completed, %(late)s past "
            "their deadline without completion, %(unrecorded)s closed without a recorded completion."
        )
        % {
            "year": assessment.year,
            "due": stats.must_follow_up,
            "done": stats.completed,
            "late": late,
            "unrecorded": stats.closed_unrecorded,
        },
        link=_link(assessment),
        figures=(
            (_("to follow up"), stats.must_follow_up),
            (_("completed"), stats.completed),
            (_("past the deadline"), late),
            (_("closed without a recorded completion"), stats.closed_unrecorded),
        ),
    )


def _channel_answer(online: bool, offline: bool, officer: bool, lapor: bool) -> str:
    if online and offline:
        return ("A" if lapor else "B") if officer else "C"
    return "D"  # one kind of channel only: the LKE's lowest option that is not "no channel"


@rule("A.I.6.iii.a")
def channels(assessment):
    cases = list(_cases(assessment))
    if not cases:
        return None
    kinds = derivations()["complaint_channels"]
    used = {case.channel for case in cases}
    online, offline = sorted(used & set(kinds["online"])), sorted(used & set(kinds["offline"]))
    officers = role_holders(assessment.unit, [Role.COMPLAINT_OFFICER]).count()
    linked = [case for case in cases if case.complaint.lapor_id]
    synced = sum(1 for case in linked if case.complaint.lapor_synced_on)
    lapor = bool(linked) and synced == len(linked)
    answer = _channel_answer(bool(online), bool(offline), bool(officers), lapor)
    return Suggestion(
        answer,
        _(
            "Complaint register %(year)s: online channels used %(online)s, offline %(offline)s; "
            "%(officers)s complaint officers appointed in Zona; %(linked)s complaints carry an "
            "SP4N-LAPOR! tracking ID, %(synced)s of them with their LAPOR! status recorded. A channel "
            "nobody used is not seen: attach the list of channels and the officers' decree."
        )
        % {
            "year": assessment.year,
            "online": ", ".join(online) or "–",
            "offline": ", ".join(offline) or "–",
            "officers": officers,
            "linked": len(linked),
            "synced": synced,
        },
        link=_link(assessment),
        figures=(
            (_("online channels used"), len(online)),
            (_("offline channels used"), len(offline)),
            (_("complaint officers"), officers),
            (_("complaints with an SP4N-LAPOR! ID"), len(linked)),
            (_("of them with the LAPOR! status recorded"), synced),
        ),
    )
