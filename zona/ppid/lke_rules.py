"""Public information offered to the LKE: Pemenuhan A.I.2.iii (Keterbukaan Informasi Publik).

- a. the policy applied, read against the LKE's option texts: A "PPID yang menyebarkan seluruh
  informasi yang dapat diakses secara mutakhir dan lengkap" — the Daftar Informasi Publik lists
  every category the law obliges (UU 14/2008 Pasal 9–11) and no periodic item is past its 6
  months; B "PPID yang menyebarkan sebagian informasi yang dapat diakses secara mutakhir dan
  lengkap" — at least one item is up to date, but a category is missing or an item out of date;
  C "belum ada PPID dan belum melakukan penyebaran informasi publik" — nothing up to date is
  published (no item, or every item out of date), even when the PPID handles requests: B needs
  some information disseminated up to date, which the records do not show.
- b. monitored and evaluated: the annual report on the information service (Perki 1/2021) sent
  to the Komisi Informasi in the year — B; A also needs its recommendations followed up, which
  Zona does not see: the suggestion names the evidence to attach. No report sent: C.
Nothing recorded at all: no suggestion (no data is not "no PPID")."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.lke.derivations import derivations
from zona.lke.suggestions import Suggestion, rule

from .models import AnnualReportText, InformationItem, InformationRequest
from .services import is_stale


def _as_of(year: int) -> date:
    return min(timezone.localdate(), date(year, 12, 31))


def _requests(assessment) -> int:
    return InformationRequest.objects.filter(
        case__unit=assessment.unit, case__received_on__year=assessment.year
    ).count()


def _public_dip(assessment) -> str:
    """The public DIP as it stood at the end of the year, with the annual report sent in it: a page
    every reader of the LKE may open (the PPID's own registers are for its officers)."""
    return f"{reverse('ppid_public:dip', args=[assessment.unit.slug])}?tahun={assessment.year}"


@rule("A.I.2.iii.a")
def information_published(assessment):
    items = list(
        InformationItem.objects.public().filter(unit=assessment.unit, updated_on__lte=_as_of(assessment.year))
    )
    requests = _requests(assessment)
    if not items and not requests:
        return None
    required = derivations()["dip_categories"]["required"]
    stale = sum(1 for item in items if is_stale(item, _as_of(assessment.year)))
    missing = [c for c in required if not any(item.category == c for item in items)]
    current = len(items) - stale  # items published and up to date ("secara mutakhir")
    answer = "A" if items and not stale and not missing else "B" if current else "C"
    source = _(
        "Daftar Informasi Publik on %(day)s: %(items)s public items, %(stale)s periodic items not "
        "updated within 6 months (UU 14/2008 Pasal 9 ayat 4), categories missing: %(missing)s; "
        "%(requests)s requests in the PPID register in %(year)s."
    ) % {
        "day": f"{_as_of(assessment.year):%d-%m-%Y}",
        "items": len(items),
        "stale": stale,
        "missing": ", ".join(missing) or "–",
        "requests": requests,
        "year": assessment.year,
    }
    if answer == "C":
        source += " " + _(
            "Option B is “PPID yang menyebarkan sebagian informasi yang dapat diakses secara mutakhir "
            "dan lengkap”: no item is published up to date, so C. List the information in the DIP, "
            "keep periodic items current, or attach the PPID page."
        )
    return Suggestion(
        answer,
        source,
        link=_public_dip(assessment),
        figures=(
            (_("public items in the DIP"), len(items)),
            (_("periodic items out of date"), stale),
            (_("categories missing"), len(missing)),
            (_("information requests"), requests),
        ),
    )


@rule("A.I.2.iii.b")
def information_evaluated(assessment):
    unit, year = assessment.unit, assessment.year
    sent = (
        AnnualReportText.objects.filter(unit=unit, year__in=(year - 1, year), submitted_on__year=year)
        .order_by("-year")
        .first()
    )
    if sent is None and not _requests(assessment) and not InformationItem.objects.filter(unit=unit).exists():
        return None
    link = _public_dip(assessment)
    if sent is None:
        return Suggestion(
            "C",
            _("No annual report on the information service was sent to the Komisi Informasi in %(year)s.")
            % {"year": year},
            link=link,
            figures=((_("annual reports sent"), 0),),
        )
    return Suggestion(
        "B",
        _(
            "The annual report on %(report_year)s was sent to the Komisi Informasi on %(day)s "
            "(Perki 1/2021): the service was evaluated. A also needs its recommendations followed "
            "up, which Zona does not see: attach the follow-up of the recommendations."
        )
        % {"report_year": sent.year, "day": f"{sent.submitted_on:%d-%m-%Y}"},
        link=link,
        figures=((_("annual reports sent"), 1),),
    )
