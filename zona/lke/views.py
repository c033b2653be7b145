from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt, outcome, submitted
from zona.lib.forms import ids_from
from zona.lib.summaries import reader
from zona.orgs.permissions import Action, can, require

from .exporters import evidence_pack_file, lke_xlsx
from .forms import AnswerForm, AssessmentForm, ReturnForm, WbkDecreeForm
from .models import Assessment, Level, Stage
from .options import OptionError, assessment_options_set, options_shown
from .providers import outside_facts, tpi_direct_refusal
from .review import assessment_finalize, assessment_return
from .revocations import decree_revoked_in
from .scoring import AnswerError
from .selectors import (
    assessments_visible_to,
    get_assessment_for_user,
    get_link_for_user,
    get_unit_for_user,
    overview,
    provinces_below,
    question_links,
    rollup,
    section,
    unit_evidence,
)
from .services import (
    AssessmentError,
    answer_save,
    assessment_create,
    assessment_wbk_decree,
    instrument_of,
    link_confirm,
    links_suggest,
)

# Who writes which level: the unit's coordinator its self-assessment, the TPI its review.
LEVEL_ACTION = {Level.SELF: Action.MANAGE_PLAN, Level.TPI: Action.VERIFY}


@login_required
def assessment_list(request):
    form = AssessmentForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not form.fields["unit"].queryset.exists():
            raise PermissionDenied
        if form.is_valid():
            assessment = outcome(
                request,
                lambda: assessment_create(
                    unit=form.cleaned_data["unit"], year=form.cleaned_data["year"], by=request.user
                ),
                AssessmentError,
            )
            if assessment is not None:
                return redirect("lke:detail", pk=assessment.pk)
    assessments = assessments_visible_to(request.user)[:200]
    return render(
        request,
        "lke/list.html",
        {"assessments": assessments, "form": form, "may_create": form.fields["unit"].queryset.exists()},
    )


def _flags(request, assessment: Assessment) -> dict:
    """What the person may do on the LKE's pages now. `can_tpi`: review (send questions back);
    `can_tpi_answer`: also answer at the TPI level here and finalise, unless the TPI's tiers own
    those answers (`tpi_tiered` says why, the same refusal the services give)."""
    unit = assessment.unit
    editable = assessment.editable_level()
    can_tpi = editable == Level.TPI and can(request.user, Action.VERIFY, unit)
    tiered = tpi_direct_refusal(assessment) if can_tpi else ""
    return {
        "can_self": editable == Level.SELF and can(request.user, Action.MANAGE_PLAN, unit),
        "can_tpi": can_tpi,
        "can_tpi_answer": can_tpi and not tiered,
        "tpi_tiered": tiered,
        "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
    }


@login_required
def assessment_detail(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    data = overview(assessment)
    parts = [n for n in data.instrument.nodes.values() if n.area is not None and not n.is_group] + [
        data.instrument.nodes["B"]
    ]
    return render(
        request,
        "lke/assessment.html",
        {
            "assessment": assessment,
            "data": data,
            "parts": parts,
            "submissions": assessment.submissions.select_related("submitted_by"),
            "links": question_links(assessment),
            "wbk_form": WbkDecreeForm(),
            "wbk_revoked_in": decree_revoked_in(assessment),
            "wbk_recorded": "WBK" in outside_facts(assessment).prior,
            "options": options_shown(assessment),
            **_flags(request, assessment),
        },
    )


@login_required
def section_view(request, pk: int, ref: str):
    assessment = get_assessment_for_user(request, pk)
    node = instrument_of(assessment).nodes.get(ref)
    if node is None:
        raise Http404
    groups = section(assessment, node)
    rows = [row for _group, group_rows in groups for row in group_rows]
    return render(
        request,
        "lke/section.html",
        {
            "assessment": assessment,
            "node": node,
            "groups": groups,
            "carried": [r.question.ref for r in rows if r.self_answer and r.self_answer.carried_over],
            "to_review": [r.question.ref for r in rows if r.self_answer and not r.tpi_answer],
            **_flags(request, assessment),
        },
    )


@login_required
@require_POST
def answer_view(request, pk: int, ref: str):
    assessment = get_assessment_for_user(request, pk)
    level = request.POST.get("level", "")
    if level not in LEVEL_ACTION:
        raise Http404
    require(request.user, LEVEL_ACTION[level], assessment.unit)
    form = AnswerForm(request.POST)
    back = request.POST.get("section", "")
    ids = ids_from(request.POST, "evidence")
    submitted(
        request,
        form,
        lambda data: answer_save(
            assessment=assessment,
            level=level,
            ref=ref,
            raw=form.raw(request.POST),
            by=request.user,
            justification=data["justification"],
            note=data["note"],
            effective_date=data["effective_date"],
            evidence=unit_evidence(assessment, ids),
            confirmed=data["confirmed"],
        ),
        (AssessmentError, AnswerError),
        _("Answer to %(ref)s saved.") % {"ref": ref},
        refused=_("Answer not saved: %(errors)s"),
    )
    node = instrument_of(assessment).nodes.get(back)
    target = redirect("lke:section", pk=pk, ref=node.ref) if node else redirect("lke:detail", pk=pk)
    target["Location"] += f"#q-{ref}"
    return target


def _transition(request, pk: int, action: Action, service, **extra):
    assessment = get_assessment_for_user(request, pk, action)
    if attempt(
        request, lambda: service(assessment=assessment, by=request.user, **extra), AssessmentError, ""
    ):
        assessment.refresh_from_db(fields=["stage"])
        messages.success(
            request,
            {
                Stage.REVIEW: _("Submitted to the TPI."),
                Stage.RETURNED: _("Sent back for revision."),
                Stage.FINAL: _("The assessment is final."),
            }[assessment.stage],
        )
    return redirect("lke:detail", pk=pk)


@login_required
@require_POST
def return_view(request, pk: int):
    form = ReturnForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _transition(
        request, pk, Action.VERIFY, assessment_return, refs=request.POST.getlist("refs"), note=note
    )


@login_required
@require_POST
def finalize_view(request, pk: int):
    return _transition(request, pk, Action.VERIFY, assessment_finalize)


@login_required
@require_POST
def wbk_decree_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    form = WbkDecreeForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(
            request,
            lambda: assessment_wbk_decree(assessment=assessment, by=request.user, **form.cleaned_data),
            RuleError,
            _("The WBK decree is recorded."),
        )
    else:
        messages.error(request, form.errors.as_text())
    return redirect("lke:detail", pk=pk)


@login_required
@require_POST
def options_view(request, pk: int):
    """The unit's choices where no regulation settles the rule (radio `opt-<option>`)."""
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    chosen = {k.removeprefix("opt-"): v for k, v in request.POST.items() if k.startswith("opt-")}
    attempt(
        request,
        lambda: assessment_options_set(assessment=assessment, chosen=chosen, by=request.user),
        (AssessmentError, OptionError),
        _("The choices are saved; the scores follow them."),
    )
    target = redirect("lke:detail", pk=pk)
    target["Location"] += "#options"
    return target


@login_required
@require_POST
def links_suggest_view(request, pk: int):
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    count = links_suggest(assessment=assessment, by=request.user)
    messages.success(request, _("%(n)s links suggested; confirm or remove each.") % {"n": count})
    return redirect("lke:detail", pk=pk)


@login_required
@require_POST
def link_confirm_view(request, pk: int):
    link = get_link_for_user(request, pk, Action.MANAGE_PLAN)
    link_confirm(link=link, keep=request.POST.get("keep") == "1", by=request.user)
    return redirect("lke:detail", pk=link.assessment_id)


@login_required
def export_xlsx(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    response = HttpResponse(
        lke_xlsx(assessment), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="lke-{assessment.unit.code.lower()}-{assessment.year}.xlsx"'
    )
    return response


@login_required
def evidence_pack(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    handle = evidence_pack_file(assessment)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"bukti-lke-{assessment.unit.code.lower()}-{assessment.year}.zip",
        content_type="application/zip",
    )


@login_required
def rollup_view(request, unit_slug: str, year: int):
    unit = get_unit_for_user(request, unit_slug)
    read = reader("lke.recap")  # the maintained summaries (zona.rollups), sorted and paged in the database
    if read is None:
        return render(request, "lke/rollup.html", {"unit": unit, "year": year, "rows": rollup(unit, year)})
    sort = request.GET.get("urut", "unit")
    descending = request.GET.get("arah") == "turun"
    eligible = {"ya": True, "tidak": False}
    filters = {
        "stage": request.GET.get("tahap") if request.GET.get("tahap") in Stage.values else None,
        "wbk": eligible.get(request.GET.get("wbk", "")),
        "wbbm": eligible.get(request.GET.get("wbbm", "")),
    }
    query = request.GET.get("q", "")[:100]
    provinces = {p.slug: p for p in provinces_below(unit)}
    province = provinces.get(request.GET.get("provinsi", ""))
    rows = read(
        unit,
        year,
        query=query,
        province=province,
        filters=filters,
        sort=sort,
        descending=descending,
        page=request.GET.get("halaman"),
    )
    context = {
        "unit": unit,
        "year": year,
        "rows": rows,
        "paged": True,
        "sort": sort,
        "descending": descending,
    }
    chosen = {k: request.GET.get(k, "")[:10] for k in ("tahap", "wbk", "wbbm")}
    chosen["provinsi"] = province.slug if province else ""
    context |= {
        "q": query,
        "provinces": list(provinces.values()),
        "stages": Stage.choices,
        "chosen": chosen,
        "base": "?" + urlencode({"q": query, **chosen}),
    }
    return render(request, "lke/rollup.html", context)
