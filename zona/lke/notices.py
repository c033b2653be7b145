"""Who is told when the TPI sends LKE answers back: the people who answered those questions and
the unit's ZI coordinators, in Zona and by e-mail (docs/roles/coordinator.md, "Notifications")."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from zona.notifications.services import Notice, notify_now
from zona.orgs.holders import role_holders
from zona.orgs.models import Role

from .models import Assessment, Level, Submission


def return_told(assessment: Assessment, refs: list[str], note: str) -> int:
    """Notify the answerers of the returned questions and the coordinators, once per send-back."""
    answered = assessment.answers.filter(level=Level.SELF, ref__in=refs).exclude(answered_by=None)
    people = set(answered.values_list("answered_by", flat=True))
    people |= set(role_holders(assessment.unit, [Role.COORDINATOR]).values_list("pk", flat=True))
    text = ngettext(
        "LKE %(year)s of %(unit)s: the TPI sent %(count)d answer back (%(refs)s): %(note)s",
        "LKE %(year)s of %(unit)s: the TPI sent %(count)d answers back (%(refs)s): %(note)s",
        len(refs),
    ) % {
        "year": assessment.year,
        "unit": assessment.unit.code,
        "count": len(refs),
        "refs": ", ".join(refs[:10]) + ("…" if len(refs) > 10 else ""),
        "note": note,
    }
    rounds = Submission.objects.filter(assessment=assessment).count()
    key = f"lke-{assessment.pk}-returned-{rounds}"
    url = reverse("lke:detail", args=[assessment.pk])
    return notify_now([Notice(user_id=pk, key=key, text=text, url=url) for pk in sorted(people)])
