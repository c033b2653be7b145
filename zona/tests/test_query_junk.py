"""No query parameter can make a page fail: every page that reads request.GET is called with junk
in each parameter it reads (found in its source), and answers without a server error."""

import inspect
import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

READS = re.compile(r"request\.GET(?:\.get|\.getlist)?\(?\[?[\"']([^\"']+)[\"']")
CALLS = re.compile(r"\b(_?[a-z_]+)\(request\b")
# URL keyword arguments → a value that exists in the test data. A new page taking another kind of
# argument and reading request.GET must be added here (the test says so): a page of one object
# names a function making it (called with the test database ready) and giving its key.


def _survey_pk() -> int:
    from zona.orgs.models import Unit
    from zona.surveys.services import service_add, survey_create

    unit = Unit.objects.get(slug="sumsel")
    service = service_add(unit=unit, name="Layanan uji", by=None)
    today = date.today()
    return survey_create(
        unit=unit, service=service, definition_key="skm@2017", period_start=today, period_end=today, by=None
    ).pk


def _plan_pk() -> int:
    from zona.orgs.models import Unit
    from zona.plans.models import Plan

    return Plan.objects.create(unit=Unit.objects.get(slug="sumsel"), year=date.today().year).pk


def _cycle_pk() -> int:
    from zona.monev.models import MonevCycle

    return MonevCycle.objects.create(plan_id=_plan_pk(), quarter=1).pk


def _assessment_pk() -> int:
    from zona.lke.services import assessment_create
    from zona.orgs.models import Unit

    return assessment_create(unit=Unit.objects.get(slug="sumsel"), year=date.today().year, by=None).pk


ARGS = {"slug": "sumsel", "unit_slug": "sumsel", "kind": "pelatihan", "fmt": "xlsx", "year": 2026}
OBJECTS = {
    "survei-kelola/<int:pk>/": _survey_pk,
    "monev/siklus/<int:pk>/": _cycle_pk,
    "lke/<int:pk>/cari-bukti/": _assessment_pk,
    "evaluasi/<int:pk>/permintaan/": _assessment_pk,
    "rencana/<int:pk>/": _plan_pk,
}


# A page that needs a parameter to exist at all (the LKE question whose files are searched).
REQUIRED = {"/lke/<int:pk>/cari-bukti/": {"ref": "A.I.1.i.a"}}


def patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def params_read(view) -> set[str]:
    """The query parameters a view reads, itself or through a helper of its module it calls."""
    view = inspect.unwrap(view)
    try:
        source = inspect.getsource(view)
        module = inspect.getmodule(view)
    except (OSError, TypeError):
        return set()
    found = set(READS.findall(source))
    for name in CALLS.findall(source):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper is not view:
            found |= set(READS.findall(inspect.getsource(helper)))
    return found


def pages():
    found = []
    for route, entry in patterns():
        params = params_read(entry.callback)
        if not params:
            continue
        kwargs = dict(entry.default_args)
        for name in entry.pattern.converters:
            if route in OBJECTS:
                continue
            assert name in ARGS, f"{route}: add a test value for <{name}> to ARGS, or the page to OBJECTS"
            kwargs[name] = ARGS[name]
        url = "/" + re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m, kw=kwargs: str(kw.get(m.group(1), m.group(0))), route
        )
        found.append((url, sorted(params)))
    return found


def filled(url: str) -> str:
    """The URL with its object made, for a page of OBJECTS."""
    route = url[1:]
    if route not in OBJECTS:
        return url
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", str(OBJECTS[route]()), route)


PAGES = pages()
JUNK = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.sampled_from(["abc", "-1", "0", "99999999999999999999", "2023-13-45", "1e9", "", " ", "%", "null"]),
)


def test_the_pages_with_parameters_are_found():
    urls = {url for url, _params in PAGES}
    assert {"/ppid/unit/sumsel/register/", "/monev/dasbor/sumsel/", "/pengaduan/"} <= urls
    assert dict(PAGES)["/ppid/unit/sumsel/register/"] == ["tahun"]


class JunkParameters(TestCase):
    @classmethod
    def setUpTestData(cls):
        from zona.accounts.models import User
        from zona.orgs.loaders import units_load

        units_load()
        cls.user = User.objects.create_superuser("root", "root@example.org", "x-long-password-1")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(page=st.sampled_from(PAGES), values=st.lists(JUNK, min_size=4, max_size=4))
    def test_junk_in_any_parameter_never_answers_a_server_error(self, page, values):
        url, params = page
        self.client.force_login(self.user)
        query = {name: values[i % len(values)] for i, name in enumerate(params)}
        response = self.client.get(filled(url), query)
        assert response.status_code < 500, (url, query, response.status_code)


@pytest.mark.parametrize(("url", "params"), PAGES)
def test_each_page_with_the_classic_junk(admin_client, db, url, params):
    from zona.orgs.loaders import units_load

    units_load()
    required = REQUIRED.get(url, {})
    url = filled(url)
    assert admin_client.get(url, required).status_code < 400, url  # the page exists (its object too)
    for junk in ("abc", "-1", "99999999999999999999", "2023-13-45", ""):
        response = admin_client.get(url, dict.fromkeys(params, junk))
        assert response.status_code < 500, (url, junk)
