"""Random registers and bad records (see honest_world.py) for the PPID register, the HR registers
(rotation, SKP, data updates), the performance agreement's accountability questions and
complaint handling."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from zona.complaints.models import Complaint
from zona.lke.derivations import derivations
from zona.performance.models import Indicator as Measure
from zona.performance.models import Level, Target
from zona.ppid.models import AnnualReportText, InfoCategory, InformationItem
from zona.registers.models import Entry, Headcount

from . import honest_cases as c
from .honest_world import World

# -- the PPID register (A.I.2.iii) -----------------------------------------------------------------


def _item(w: World, category: str, updated_on: date) -> None:
    exempt = category == InfoCategory.EXEMPT
    InformationItem.objects.create(
        unit=w.unit,
        title=f"Info {w.n()}",
        category=category,
        updated_on=updated_on,
        exemption_basis="Ps 17 huruf a" * exempt,
        consequence_test="Uji konsekuensi" * exempt,
    )


def build_ppid(w: World, draw) -> None:
    for _i in range(draw(st.integers(0, 5))):
        _item(
            w,
            draw(st.sampled_from(sorted(InfoCategory.values))),
            w.day(draw, year=draw(st.sampled_from([w.year - 1, w.year]))),
        )
    for year in draw(st.lists(st.sampled_from([w.year - 1, w.year]), unique=True, max_size=2)):
        sent = draw(st.sampled_from([None, date(year, 3, 1), date(year + 1, 2, 1)]))
        AnnualReportText.objects.create(unit=w.unit, year=year, submitted_on=sent)


def item_out_of_date(w: World) -> None:
    """A periodic item last updated a year before the assessment's year (UU 14/2008 Pasal 9(4))."""
    _item(w, InfoCategory.PERIODIC, date(w.year - 1, 1, 15))


def item_exempt(w: World) -> None:
    _item(w, InfoCategory.EXEMPT, date(w.year, 6, 1))


def annual_report_not_sent(w: World) -> None:
    if not AnnualReportText.objects.filter(unit=w.unit, year=w.year).exists():
        AnnualReportText.objects.create(unit=w.unit, year=w.year, submitted_on=None)


def annual_report_sent_long_ago(w: World) -> None:
    AnnualReportText.objects.create(unit=w.unit, year=w.year - 3, submitted_on=date(w.year - 2, 2, 1))


# -- the HR registers (A.I.3.ii.a, A.I.3.iv.c, A.I.3.vi.a) ----------------------------------------


def _entry(w: World, kind: str, day: date | None, year: int | None = None, **values) -> None:
    Entry.objects.create(
        unit=w.unit, kind=kind, year=year or (day.year if day else w.year), day=day, values=values
    )


def build_hr(w: World, draw) -> None:
    people = [f"Pegawai {n}" for n in range(3)]
    for _i in range(draw(st.integers(0, 3))):
        _entry(
            w,
            "mutasi",
            w.day(draw),
            pegawai=draw(st.sampled_from(people)),
            dari=draw(st.sampled_from(["Staf", "Kasubag"])),
            ke=draw(st.sampled_from(["Staf", "Kasubag"])),
        )
    for _i in range(draw(st.integers(0, 6))):
        _entry(w, "skp", w.day(draw), pegawai=draw(st.sampled_from(people)))
    for _i in range(draw(st.integers(0, 3))):
        _entry(w, "pemutakhiran", w.day(draw), pegawai=draw(st.sampled_from(people)))
    if draw(st.booleans()):
        Headcount.objects.update_or_create(
            unit=w.unit, year=w.year, defaults={"employees": draw(st.integers(0, 4))}
        )


def rotation_within_one_position(w: World) -> None:
    _entry(w, "mutasi", date(w.year, 4, 1), pegawai="Pegawai 0", dari="Staf", ke="Staf")


def rotation_of_another_year(w: World) -> None:
    _entry(w, "mutasi", date(w.year - 1, 4, 1), pegawai="Pegawai 9", dari="Staf", ke="Kasubag")


def change_never_followed_by_an_update(w: World) -> None:
    _entry(w, "mutasi", date(w.year, 12, 31), pegawai="Pegawai baru", dari="Staf", ke="Staf")


def update_of_another_year(w: World) -> None:
    _entry(w, "pemutakhiran", date(w.year - 1, 12, 31), pegawai="Pegawai 0")


def assessment_in_a_month_already_assessed(w: World) -> None:
    """A second SKP assessment of an employee in a month they were already assessed in."""
    first = Entry.objects.filter(unit=w.unit, kind="skp", year=w.year, day__isnull=False).first()
    if first is not None:
        _entry(w, "skp", first.day.replace(day=1), **first.values)


def assessment_without_a_date(w: World) -> None:
    _entry(w, "skp", None, year=w.year, pegawai="Pegawai 0")


def assessment_of_another_year(w: World) -> None:
    _entry(w, "skp", date(w.year - 1, 6, 1), pegawai="Pegawai 0")


# -- the performance agreement's accountability (A.I.4.i.b, A.I.4.ii, A.II.4.iii.a) ---------------


def build_sakip(w: World, draw) -> None:
    c.build_performance(w, draw)
    agreement = c._agreement(w) if draw(st.booleans()) else None
    if agreement is None:
        return
    if draw(st.booleans()):
        agreement.signed_on, agreement.document = (
            date(w.year, 1, 31),
            draw(st.sampled_from([None, w.evidence])),
        )
        agreement.save(update_fields=["signed_on", "document"])
    Measure.objects.filter(target__agreement=agreement).update(formula="R/T x 100" * draw(st.booleans()))
    units = list(agreement.targets.filter(level=Level.UNIT))
    for _i in range(draw(st.integers(0, 3))):
        parent = draw(st.sampled_from([None, *units]))
        level = draw(st.sampled_from([Level.TEAM, Level.PERSON]))
        holder = draw(st.sampled_from(["", "Pegawai 0", "Pegawai 1", "Tim A"]))
        Target.objects.create(
            agreement=agreement, parent=parent, level=level, holder=holder, code=f"C{w.n()}", text="Turunan"
        )
    if draw(st.booleans()):
        Headcount.objects.update_or_create(
            unit=w.unit, year=w.year, defaults={"employees": draw(st.integers(0, 3))}
        )


def agreement_of_another_year_signed(w: World) -> None:
    agreement = c._agreement(w, w.year - 1)
    agreement.signed_on, agreement.document = date(w.year - 1, 1, 31), w.evidence
    agreement.save(update_fields=["signed_on", "document"])


def indicator_without_a_formula(w: World) -> None:
    c.target_with_an_unreported_indicator(w)


def realisation_of_another_year(w: World) -> None:
    agreement = c._agreement(w, w.year - 1)
    target = c._target(w, agreement)
    c._measure(w, target, annual=10, quarters=[(1, 5)])


def _cascaded(w: World):
    """The year's agreement when it already holds team or individual targets (None otherwise): the
    LKE ranks any cascade above none (A.II.4.iii.a: C "belum mengacu kinerja utama" over D "belum
    ada"), so what is bad is a worse cascade next to one that exists, not a first one."""
    agreement = c._agreement(w)
    return agreement if agreement.targets.exclude(level=Level.UNIT).exists() else None


def target_traced_to_no_sasaran(w: World) -> None:
    agreement = _cascaded(w)
    if agreement is not None:
        Target.objects.create(
            agreement=agreement, level=Level.TEAM, holder="Tim X", code=f"C{w.n()}", text="Lepas"
        )


def person_target_without_a_holder(w: World) -> None:
    agreement = _cascaded(w)
    parent = agreement and agreement.targets.filter(level=Level.UNIT).first()
    if parent is not None:
        Target.objects.create(
            agreement=agreement,
            parent=parent,
            level=Level.PERSON,
            holder="",
            code=f"C{w.n()}",
            text="Tanpa pemegang",
        )


def cascade_of_another_year(w: World) -> None:
    agreement = c._agreement(w, w.year - 1)
    parent = c._target(w, agreement)
    Target.objects.create(
        agreement=agreement,
        parent=parent,
        level=Level.PERSON,
        holder="Pegawai 7",
        code=f"C{w.n()}",
        text="Lalu",
    )


# -- complaint handling (A.I.5.iii, A.I.6.iii.a) ---------------------------------------------------


def _channels() -> list[str]:
    kinds = derivations()["complaint_channels"]
    return sorted([*kinds["online"], *kinds["offline"]])


def build_handling(w: World, draw) -> None:
    for _i in range(draw(st.integers(0, 3))):
        received = w.day(draw, year=draw(st.sampled_from([w.year, w.year, w.year - 1])))
        case = c._complaint(w, draw(st.sampled_from(sorted(c.PATHS))), draw(st.integers(0, 20)), received)
        case.__class__.objects.filter(pk=case.pk).update(channel=draw(st.sampled_from(_channels())))
        linked = draw(st.booleans())
        Complaint.objects.filter(pk=case.pk).update(
            lapor_id="LAPOR-1" * linked,
            lapor_synced_on=date(w.year, 12, 1) if linked and draw(st.booleans()) else None,
        )


def _channel_in_use(w: World) -> str:
    used = Complaint.objects.filter(case__unit=w.unit, case__received_on__year=w.year)
    return used.values_list("case__channel", flat=True).first() or "web"


def complaint_overdue(w: World) -> None:
    """A complaint verified in January, never completed: past its deadline."""
    c._complaint(w, "verified", received=date(w.year, 1, 9))


def _in_a_channel_in_use(w: World, lapor_id: str = "") -> None:
    """A complaint left in process, through a channel the unit already used that year (a new
    channel would be new evidence of a channel, not a bad record)."""
    channel = _channel_in_use(w)
    case = c._complaint(w, "verified", received=date(w.year, 1, 9))
    case.__class__.objects.filter(pk=case.pk).update(channel=channel)
    Complaint.objects.filter(pk=case.pk).update(lapor_id=lapor_id, lapor_synced_on=None)


def complaint_overdue_in_a_channel_in_use(w: World) -> None:
    _in_a_channel_in_use(w)


def complaint_lapor_status_never_read(w: World) -> None:
    _in_a_channel_in_use(w, "LAPOR-9")
