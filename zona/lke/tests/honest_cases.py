"""Random registers and bad records (see honest_world.py) for the performance agreement, the risk
register, complaints, gratification, and the surveys and service standards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from hypothesis import strategies as st

from zona.cases.models import Case
from zona.complaints.services import complaint_step, complaint_submit
from zona.complaints.tests.test_complaints import PATHS
from zona.gratification.models import GratificationReport, Recap
from zona.gratification.recaps import period_of
from zona.monev.models import MonevCycle
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.performance import rules as formulas
from zona.performance.models import Agreement, Target
from zona.performance.models import Indicator as Measure
from zona.performance.models import Realisation as Reported
from zona.plans.models import ActionStep
from zona.risks import services as risks
from zona.risks.models import Realisation, Register
from zona.surveys.models import (
    FollowUp,
    Service,
    ServiceStandard,
    StandardReview,
    Status,
    Survey,
    SurveyTally,
)
from zona.surveys.services import survey_create
from zona.workdays.services import add_working_days

from .honest_world import World

# -- the performance agreement (A.II.4.i.a, B.1.b) ------------------------------------------------


def _agreement(w: World, year: int | None = None, formulas_chosen: dict | None = None) -> Agreement:
    agreement, _created = Agreement.objects.get_or_create(
        unit=w.unit, year=year or w.year, defaults={"formulas": formulas_chosen or {}}
    )
    return agreement


def _measure(w: World, target: Target, *, annual, direction="naik", last_year=None, quarters=()) -> None:
    measure = Measure.objects.create(
        target=target,
        code=f"IKU{w.n()}",
        name="IKU",
        measure="%",
        annual_target=Decimal(annual),
        direction=direction,
        aggregation="terakhir",
        last_year=last_year,
    )
    for quarter, value in quarters:
        Reported.objects.create(indicator=measure, quarter=quarter, value=Decimal(value))


def _target(w: World, agreement: Agreement) -> Target:
    return Target.objects.create(agreement=agreement, code=f"S{w.n()}", text="Sasaran")


def build_performance(w: World, draw) -> None:
    options = formulas.data()["options"]
    chosen = {name: draw(st.sampled_from(sorted(spec["choices"]))) for name, spec in options.items()}
    for year in draw(st.lists(st.sampled_from([w.year, w.year - 1]), unique=True, max_size=2)):
        agreement = _agreement(w, year, chosen)
        if draw(st.booleans()):  # signed (A.II.4.i.a and B.1.b read an unsigned one at their lowest)
            agreement.signed_on = date(year, 1, 31)
            agreement.save(update_fields=["signed_on"])
        for _i in range(draw(st.integers(1, 3))):
            target = _target(w, agreement)
            for _j in range(draw(st.integers(0, 2))):
                quarters = draw(st.lists(st.integers(1, 4), unique=True, max_size=4))
                _measure(
                    w,
                    target,
                    annual=draw(st.integers(0, 100)),
                    direction=draw(st.sampled_from(["naik", "turun"])),
                    last_year=draw(st.one_of(st.none(), st.integers(0, 150))),
                    quarters=[(q, draw(st.integers(0, 300))) for q in quarters],
                )


def target_with_an_unreported_indicator(w: World) -> None:
    _measure(w, _target(w, _agreement(w)), annual=10)


def target_below_its_target(w: World) -> None:
    _measure(w, _target(w, _agreement(w)), annual=100, last_year=10, quarters=[(q, 50) for q in (1, 2, 3, 4)])


def target_missing_a_zero_target(w: World) -> None:
    """ "0 temuan" as the target, 3 findings each quarter."""
    _measure(
        w, _target(w, _agreement(w)), annual=0, direction="turun", quarters=[(q, 3) for q in (1, 2, 3, 4)]
    )


def target_lower_is_better_missed(w: World) -> None:
    """Lower is better: 25 against a target of 10."""
    _measure(
        w, _target(w, _agreement(w)), annual=10, direction="turun", quarters=[(q, 25) for q in (1, 2, 3, 4)]
    )


def target_without_indicators(w: World) -> None:
    _target(w, _agreement(w))


def unreported_indicator_on_a_target(w: World) -> None:
    agreement = _agreement(w)
    target = agreement.targets.first() or _target(w, agreement)
    _measure(w, target, annual=10)


def peer_reporting_part_of_its_year(w: World) -> None:
    """The unit next door (same parent) signed its agreement and reported three quarters, far
    below its target: its provisional figure would lower the peers' mean and lift the unit towards
    B.1.b's option A."""
    agreement, _created = Agreement.objects.get_or_create(
        unit=w.other, year=w.year, defaults={"signed_on": date(w.year, 1, 31)}
    )
    target = Target.objects.create(agreement=agreement, code=f"S{w.n()}", text="Sasaran")
    _measure(w, target, annual=100, quarters=[(q, 1) for q in (1, 2, 3)])


def peer_with_an_unsigned_agreement(w: World) -> None:
    """The unit next door reported its whole year, far below its target, on an agreement nobody
    signed (a draft: no agreed targets, PermenPAN-RB 53/2014): counted, it would lower the peers'
    mean and lift the unit towards B.1.b's option A."""
    agreement, _created = Agreement.objects.get_or_create(unit=w.other, year=w.year)
    target = Target.objects.create(agreement=agreement, code=f"S{w.n()}", text="Sasaran")
    _measure(w, target, annual=100, quarters=[(q, 1) for q in (1, 2, 3, 4)])


# -- the risk register (A.I.5.ii.b, A.I.5.ii.c) ---------------------------------------------------

RISK = {
    "objective": "Layanan informasi tepat waktu",
    "process": "PPID",
    "statement": "Terlambat",
    "cause": "Beban kerja",
    "source": "internal",
    "consequence": "Keberatan",
    "category": "Operasional",
    "likelihood": 3,
    "impact": 3,
    "controls": "SOP",
    "controls_adequate": False,
}


def _register(w: World) -> Register:
    return risks.register_open(unit=w.unit, year=w.year, by=None)


def _risk(w: World, *, analysed: bool = True, actions: int = 0, realised: int = 0):
    values = {**RISK, "code": f"R{w.n()}"}
    if not analysed:
        values["cause"] = ""
    risk = risks.risk_save(register=_register(w), values=values, by=None)
    for n in range(actions):
        action = risks.action_add(
            risk=risk, values={"response": "kurangi", "activity": "Piket", "target_text": "Maret"}, by=None
        )
        if n < realised:
            cycle, _created = MonevCycle.objects.get_or_create(plan=w.plan, quarter=1)
            Realisation.objects.create(action=action, cycle=cycle, status="berjalan", progress=50)


def build_risks(w: World, draw) -> None:
    if not draw(st.booleans()):
        return
    _register(w)
    for _i in range(draw(st.integers(0, 3))):
        actions = draw(st.integers(0, 2))
        _risk(w, analysed=draw(st.booleans()), actions=actions, realised=draw(st.integers(0, actions)))


def risk_not_analysed(w: World) -> None:
    _risk(w, analysed=False, actions=1, realised=1)


def risk_without_a_control_action(w: World) -> None:
    _risk(w)


def control_action_never_realised(w: World) -> None:
    _risk(w, actions=1, realised=0)


# -- complaints (A.II.5.ii.a) ----------------------------------------------------------------------

# What a complaint went through, as the complaints' own property test takes it.


def _complaint(w: World, path: str, days: int = 5, received: date | None = None) -> Case:
    received = received or date(w.year, 5, 11)
    case, _code = complaint_submit(
        unit=w.unit,
        subject="Antrean",
        description="Lama",
        category="pelayanan",
        reporter_name="Warga",
        reporter_contact="warga@example.org",
        received_on=received,
    )
    for action in PATHS[path]:
        complaint_step(
            case=case,
            action=action,
            by=w.officer,
            complaint_type="ringan",
            reason="Catatan",
            agency="Bawaslu",
            forwarded_on=received,
            today=add_working_days(received, days),
        )
    return case


def build_complaints(w: World, draw) -> None:
    for _i in range(draw(st.integers(0, 3))):
        received = w.day(draw, year=draw(st.sampled_from([w.year, w.year, w.year - 1])))
        _complaint(w, draw(st.sampled_from(sorted(PATHS))), draw(st.integers(0, 20)), received)


def complaint_in_process(w: World) -> None:
    _complaint(w, "verified")


def complaint_answered_not_completed(w: World) -> None:
    _complaint(w, "responded")


def complaint_waiting_for_the_reporter(w: World) -> None:
    _complaint(w, "completed")


def complaint_closed_without_a_recorded_completion(w: World) -> None:
    Case.objects.filter(pk=_complaint(w, "responded").pk).update(state="selesai")


# -- gratification (A.I.5.i.b) --------------------------------------------------------------------


def _report(w: World, *, received: date, forwarded_after: int | None, state: str = "diteruskan_kpk") -> None:
    due = received + timedelta(days=42)  # about 30 working days: only its order with forwarded_on counts
    n = w.n()
    GratificationReport.objects.create(
        unit=w.unit,
        reporter=w.by,
        number=f"GRAT-{n}",
        kind="diterima",
        category="ceremony",
        form="barang",
        description="Bingkisan",
        value=Decimal(2_000_000),
        received_on=received,
        place="Palembang",
        giver_name="PT Maju",
        giver_relationship="Rekanan",
        occasion="Acara",
        chronology="Diantar",
        state=state,
        reported_on=received,
        kpk_due=due,
        reportable=True,
        forwarded_on=None if forwarded_after is None else due + timedelta(days=forwarded_after),
    )


def _recap(w: World, start: date, end: date) -> None:
    Recap.objects.create(
        unit=w.unit,
        period_start=start,
        period_end=end,
        count=0,
        nihil=True,
        document=w.evidence,
        sent_on=end,
        sent_by=w.by,
    )


def build_gratification(w: World, draw) -> None:
    if draw(st.booleans()):
        role_grant(user=w.officer, unit=w.unit, role=Role.UPG_OFFICER)
    for quarter in draw(st.lists(st.integers(0, 3), unique=True, max_size=4)):
        _recap(w, *period_of(date(w.year, 3 * quarter + 1, 1)))
    for _i in range(draw(st.integers(0, 3))):
        late = draw(st.one_of(st.none(), st.integers(-20, 20)))
        state = "diteruskan_kpk" if late is not None else draw(st.sampled_from(["diverifikasi", "selesai"]))
        _report(w, received=w.day(draw), forwarded_after=late, state=state)


def report_late_to_kpk(w: World) -> None:
    _report(w, received=date(w.year, 3, 1), forwarded_after=10)


def report_past_the_deadline_not_forwarded(w: World) -> None:
    _report(w, received=date(w.year, 3, 1), forwarded_after=None, state="diverifikasi")


def recap_of_another_year(w: World) -> None:
    _recap(w, date(w.year - 1, 1, 1), date(w.year - 1, 3, 31))


def recap_of_one_month_only(w: World) -> None:
    """A recap of February alone: the quarter it falls in is not recapped by it."""
    _recap(w, date(w.year, 2, 1), date(w.year, 2, 28))


# -- surveys and service standards (A.I.6.i, A.I.6.iv, B.1.a, B.2.a) -------------------------------

KEYS = {"skm": "skm@2017", "ipak": "ipak@1", "ipkp": "ipkp@1"}


def _service(w: World, active: bool = True) -> Service:
    return Service.objects.create(unit=w.unit, name=f"Layanan {w.n()}", active=active)


def _survey(
    w: World, kind: str, start: date, end: date, *, status=Status.CLOSED, population=0, answers=(), **dates
):
    service = Service.objects.filter(unit=w.unit).first() or _service(w)
    survey = survey_create(
        unit=w.unit,
        service=service,
        definition_key=KEYS[kind],
        period_start=start,
        period_end=end,
        by=None,
        population=population,
    )
    items = range(1, len(survey.spec().items) + 1)
    tally = {f"s{i}": sum(answers) for i in items} | {f"c{i}": len(answers) for i in items}
    SurveyTally.objects.filter(survey=survey).update(respondents=len(answers), **tally)
    Survey.objects.filter(pk=survey.pk).update(status=status, **dates)
    return survey


def _quarter(w: World, quarter: int) -> tuple[date, date]:
    end = date(w.year, 3 * quarter, 28) if quarter < 4 else date(w.year, 12, 31)
    return date(w.year, 3 * quarter - 2, 1), end


def _follow_up(w: World, survey: Survey, done: bool) -> None:
    done_at = timezone.make_aware(datetime(w.year, 6, 1)) if done else None
    step = ActionStep.objects.create(indicator=w.indicator, text="Perbaiki", order=w.n(), done_at=done_at)
    FollowUp.objects.create(survey=survey, item_key="U1", step=step)


def _standard(w: World, service: Service, *, effective: date, published: date | None) -> ServiceStandard:
    return ServiceStandard.objects.create(
        service=service, version=1, effective_on=effective, maklumat="Kami sanggup", published_on=published
    )


def build_standards(w: World, draw) -> None:
    days = st.dates(date(w.year - 1, 1, 1), date(w.year + 1, 12, 31))
    for _i in range(draw(st.integers(0, 3))):
        service = _service(w, active=draw(st.booleans()))
        if draw(st.booleans()):
            standard = _standard(w, service, effective=draw(days), published=draw(st.one_of(st.none(), days)))
            for _j in range(draw(st.integers(0, 2))):
                StandardReview.objects.create(
                    standard=standard,
                    reviewed_on=w.day(draw),
                    used_survey=draw(st.booleans()),
                    used_complaints=draw(st.booleans()),
                    stakeholders=draw(st.sampled_from(["", "Tokoh"])),
                    result="Ditinjau",
                )


def build_surveys(w: World, draw) -> None:
    build_standards(w, draw)
    for quarter in draw(st.lists(st.integers(1, 4), unique=True, max_size=4)):
        status = draw(st.sampled_from(Status.values))
        day = st.one_of(st.none(), st.just(date(w.year, 12, 31)))
        survey = _survey(
            w,
            "skm",
            *_quarter(w, quarter),
            status=status,
            population=draw(st.integers(0, 60)),
            answers=draw(st.lists(st.integers(1, 4), max_size=6)),
            published_on=draw(day),
            posted_on=draw(day),
        )
        for done in draw(st.lists(st.booleans(), max_size=2)):
            _follow_up(w, survey, done)
    for kind in ("ipak", "ipkp"):
        for _i in range(draw(st.integers(0, 2))):
            start = w.day(draw)
            _survey(
                w,
                kind,
                start,
                start + timedelta(days=draw(st.integers(0, 60))),
                answers=draw(st.lists(st.integers(1, 4), min_size=1, max_size=6)),
            )


def skm_below_its_sample(w: World) -> None:
    """A period of its own (one month), closed with 2 answers of a population of 500 (Krejcie &
    Morgan ask for 217): not an SKM the LKE can count."""
    _survey(w, "skm", date(w.year, 11, 1), date(w.year, 11, 30), population=500, answers=(4, 4))


def skm_not_published(w: World) -> None:
    _survey(w, "skm", date(w.year, 10, 1), date(w.year, 10, 31), population=0, answers=(3,))


def skm_follow_up_not_done(w: World) -> None:
    survey = Survey.objects.filter(unit=w.unit, kind="skm", period_end__year=w.year).first()
    _follow_up(w, survey or _survey(w, "skm", *_quarter(w, 1), answers=(3,)), done=False)


def service_without_a_standard(w: World) -> None:
    _service(w)


def maklumat_not_published(w: World) -> None:
    _standard(w, _service(w), effective=date(w.year, 1, 2), published=None)


def review_without_survey_or_complaints(w: World) -> None:
    standard = ServiceStandard.objects.filter(service__unit=w.unit).first()
    standard = standard or _standard(w, _service(w), effective=date(w.year, 1, 2), published=None)
    StandardReview.objects.create(standard=standard, reviewed_on=date(w.year, 7, 1), result="Ditinjau")


def index_survey_below_its_sample(kind: str):
    def add(w: World) -> None:
        _survey(w, kind, date(w.year, 12, 1), date(w.year, 12, 31), population=500, answers=(4, 4))

    return add
