"""Zona's URLs plus a "floor" view per key page: the same selector over the same rows, the same
middleware, session and user, and a minimal template listing those rows. A page's time divided
by its floor's is what the page's own rendering costs."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils import timezone

from config.urls import urlpatterns as zona
from zona.cases.models import Case
from zona.cases.registry import KINDS
from zona.lke.selectors import overview
from zona.lke.views import get_assessment_for_user
from zona.monev.dashboard import descendant_rows, plan_overview
from zona.plans.selectors import get_indicator_for_user, get_plan_for_user, my_steps, plan_tree

ROWS = engines["django"].from_string("<ul>{% for row in rows %}<li>{{ row }}</li>{% endfor %}</ul>")


def _list(request, rows) -> HttpResponse:
    return HttpResponse(ROWS.render({"rows": rows}, request))


def _walk(node):
    yield f"{node.obj} {node.progress}"
    for child in node.children:
        yield from _walk(child)


@login_required
def plan_floor(request, pk):
    return _list(request, list(_walk(plan_tree(get_plan_for_user(request, pk)))))


@login_required
def indicator_floor(request, pk):
    indicator = get_indicator_for_user(request, pk)
    rows = [s.text for s in indicator.steps.select_related("pic")]
    rows += [f"{e.title} {e.status}" for e in indicator.evidence.prefetch_related("versions")]
    return _list(request, rows)


@login_required
def tasks_floor(request):
    return _list(request, [f"{s.text} {s.due}" for s in my_steps(request.user, timezone.localdate())])


@login_required
def dashboard_floor(request, slug):
    from zona.orgs.models import Unit
    from zona.plans.models import Plan

    unit = Unit.objects.visible_to(request.user).get(slug=slug)
    today = timezone.localdate()
    plan = Plan.objects.filter(unit=unit).order_by("-year").first()
    data = plan_overview(plan, today) if plan else None
    rows = Paginator(descendant_rows(unit, year=plan.year, today=today, query="", level="", sort="name",
                                     descending=False), 100).get_page(1)  # fmt: skip
    return _list(request, [data, *rows])


@login_required
def lke_floor(request, pk):
    data = overview(get_assessment_for_user(request, pk))
    rows = [f"{a['code']} {a['name']} {a['pemenuhan']} {a['reform']}" for a in data.self_result.areas]
    rows += [f"{ref} {text} {value}" for ref, text, value in data.gaps]
    return _list(request, rows)


@login_required
def cases_floor(request):
    spec = KINDS["complaint"]
    cases = Case.objects.filter(spec.scope_q(request.user)).select_related("unit", "assigned_to")
    return _list(request, [f"{c.number} {c.subject} {c.state}" for c in Paginator(cases, 50).get_page(1)])


urlpatterns = [
    path("lantai/rencana/<int:pk>/", plan_floor),
    path("lantai/indikator/<int:pk>/", indicator_floor),
    path("lantai/tugas-saya/", tasks_floor),
    path("lantai/dasbor/<slug:slug>/", dashboard_floor),
    path("lantai/lke/<int:pk>/", lke_floor),
    path("lantai/pengaduan/", cases_floor),
    *zona,
]
