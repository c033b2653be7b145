"""Every path once published still opens the same page. Citizens hold printed links and QR codes
(the complaint and PPID forms, the tracking pages, the survey questionnaire, the DIP), and staff
keep bookmarks: moving views between modules or mounting an app differently must change no path.

zona/tests/url_paths.txt lists every path (the admin and the JSON API aside) with the view it
opens; PRINTED names the citizens' pages with the module that serves them now."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, path, resolve, reverse

LISTED = Path(__file__).with_name("url_paths.txt")
SAMPLE = {"int": "7", "slug": "sumsel", "str": "xlsx", "path": "a/b"}
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def listed() -> list[tuple[str, str, dict]]:
    """(route, view name, default arguments) of each path in url_paths.txt."""
    found = []
    for line in LISTED.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            route, view, arguments = line.split(maxsplit=2)
            found.append(("" if route == "/" else route, view, json.loads(arguments)))
    return found


def routes(resolver=None, prefix: str = ""):
    """Every route of the URL configuration, the admin and the JSON API aside."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(("admin/", "api/", "i18n/")):
            continue
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def sample(route: str) -> str:
    """The route as a path, each converter given a value of its kind."""
    return "/" + CONVERTER.sub(lambda m: SAMPLE[m.group(1) or "str"], route)


def unserved(paths, urlconf=None) -> list[str]:
    """Each path that is gone, is resolved by another route (another app's pattern shadows it),
    opens a view of another name, or lacks its arguments (the case engine's pages: the kind)."""
    wrong = []
    for route, view, arguments in paths:
        try:
            match = resolve(sample(route), urlconf)
        except Resolver404:
            wrong.append(f"{route}: not served")
            continue
        if (match.route, match.func.__name__) != (route, view):
            wrong.append(f"{route}: opens {match.route} ({match.func.__name__}), not {view}")
        elif any(match.kwargs.get(key) != value for key, value in arguments.items()):
            wrong.append(f"{route}: given {match.kwargs}, not {arguments}")
    return wrong


def test_every_listed_path_opens_the_same_view():
    assert unserved(listed()) == []


def _page(request, **kwargs):
    return None


def _other(request, **kwargs):
    return None


class Shadowed:
    """A URL configuration where a unit's page shadows a path mounted after it."""

    urlpatterns = [path("<slug:slug>/", _other), path("pengaduan/", _page, {"kind": "complaint"})]


def test_the_check_finds_a_path_gone_shadowed_or_without_its_arguments():
    assert unserved(
        [
            ("pengaduan/", "_page", {"kind": "complaint"}),
            ("lacak/<int:pk>/", "_page", {}),
            ("<slug:slug>/", "_other", {"kind": "ppid"}),
            ("<slug:slug>/", "_other", {}),
        ],
        Shadowed,
    ) == [
        "pengaduan/: opens <slug:slug>/ (_other), not _page",
        "lacak/<int:pk>/: not served",
        "<slug:slug>/: given {'slug': 'sumsel'}, not {'kind': 'ppid'}",
    ]
    assert sample("unit/<slug:slug>/laporan/<int:year>.<str:fmt>") == "/unit/sumsel/laporan/7.xlsx"


# The citizens' pages, printed and put in QR codes: path → (URL name, the view serving it).
PRINTED = {
    "/publik/sumsel/pengaduan/": ("complaints_public:form", "zona.complaints.views_public.public_form"),
    "/publik/sumsel/pengaduan/lacak/": ("complaints_public:track", "zona.cases.views_public.public_track"),
    "/publik/sumsel/pengaduan/statistik/": (
        "complaints_public:statistics",
        "zona.complaints.views_public.public_statistics",
    ),
    "/publik/sumsel/ppid/": ("ppid_public:form", "zona.ppid.views_public.public_form"),
    "/publik/sumsel/ppid/lacak/": ("ppid_public:track", "zona.cases.views_public.public_track"),
    "/publik/sumsel/dip/": ("ppid_public:dip", "zona.ppid.views_public.public_dip"),
    "/publik/sumsel/dip/7/": ("ppid_public:dip_file", "zona.ppid.views_public.public_dip_file"),
    "/survei/xlsx/": ("surveys_public:answer", "zona.surveys.views_public.answer"),
    "/publik/sumsel/survei/": ("surveys_public:public_index", "zona.surveys.views_public.unit_index"),
    "/publik/sumsel/standar-pelayanan/": (
        "surveys_public:standards_public",
        "zona.surveys.views_public.standards_public",
    ),
    "/publik/sumsel/sop/": ("sops_public:list", "zona.sops.views_public.public_list"),
    "/wbs/sumsel/": ("wbs_public:intake", "zona.wbs.views_public.intake"),
    "/wbs/lacak/": ("wbs_public:track", "zona.wbs.views_public.track"),
    "/publik/sumsel/": ("portal:unit", "zona.portal.views.unit_home"),
}


@pytest.mark.parametrize("printed", sorted(PRINTED))
def test_a_printed_path_opens_its_public_page_and_is_what_its_name_gives(printed):
    name, view = PRINTED[printed]
    match = resolve(printed)
    assert (match.view_name, f"{match.func.__module__}.{match.func.__name__}") == (name, view)
    assert reverse(name, kwargs=match.kwargs) == printed
