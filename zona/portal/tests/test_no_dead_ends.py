"""No dead ends: error pages in Indonesian with a way back, the site root and /publik/ lead a
visitor to the list of units, menus offer only what the person may use, and every public page of
a unit links back to that unit's portal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_user
from zona.orgs.models import Role


def test_a_missing_page_is_in_indonesian_with_a_way_back(client, cast):
    anonymous = client.get("/tidak-ada-halaman-ini/")
    page = anonymous.content.decode()
    assert anonymous.status_code == 404
    assert "Halaman tidak ditemukan" in page and 'lang="id"' in page
    assert f'href="{reverse("portal:list")}"' in page and "Ke portal publik" in page
    client.force_login(cast["pic"])
    signed_in = client.get("/tidak-ada-halaman-ini/").content.decode()
    assert f'href="{reverse("start:home")}"' in signed_in and "Kembali ke beranda" in signed_in


def test_a_refusal_is_in_indonesian_with_a_way_back(client, cast, seed_plan):
    client.force_login(cast["viewer"])  # may see the plan, may not import one
    response = client.get(reverse("plans:import"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Tidak diizinkan" in page and "Kembali ke beranda" in page


def test_a_server_error_is_in_indonesian_in_zona_layout(rf):
    from django.views.defaults import server_error

    page = server_error(rf.get("/")).content.decode()
    assert "Terjadi kesalahan" in page and "navbar" in page and reverse("portal:list") in page


@pytest.mark.parametrize("path", ["/", "/publik/"])
def test_the_root_and_publik_lead_a_visitor_to_the_units(client, units, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain == ([] if path == "/publik/" else [(reverse("portal:list"), 302)])
    page = response.content.decode()
    assert "Portal publik" in page and "KPU Kota Palembang" in page and "KPU Provinsi Jambi" in page


def test_the_unit_list_is_searched_by_name_or_code(client, units):
    page = client.get(reverse("portal:list"), {"q": "lahat"}).content.decode()
    assert reverse("portal:unit", args=[units["LAHAT"].slug]) in page
    assert "Palembang" not in page and "Jambi" not in page
    assert "Tidak ada unit yang cocok" in client.get(reverse("portal:list"), {"q": "zzz"}).content.decode()


def test_a_signed_in_person_still_finds_the_plans_at_the_root(client, cast):
    client.force_login(cast["coordinator"])
    response = client.get("/")
    assert response.status_code == 200 and "plans/home.html" in [t.name for t in response.templates]


def test_the_menu_offers_the_import_only_to_who_may_import(client, cast, units):
    import_link = f'href="{reverse("plans:import")}"'
    client.force_login(cast["coordinator"])
    assert import_link in client.get(reverse("start:home")).content.decode()
    viewer = Client()
    viewer.force_login(cast["viewer"])
    assert import_link not in viewer.get(reverse("start:home")).content.decode()
    pic = Client()
    pic.force_login(make_user("pic_only", units["JAMBI"], Role.PIC))
    assert import_link not in pic.get(reverse("start:home")).content.decode()


def test_the_public_menu_has_entries_for_the_phone_toggle(client, units):
    """The collapsed phone menu opens onto links (not an empty bar) for a visitor."""
    page = client.get(reverse("portal:unit", args=[units["SUMSEL"].slug])).content.decode()
    menu = page.split('id="nav"', 1)[1].split("</nav>", 1)[0]
    assert reverse("portal:list") in menu and reverse("accounts:login") in menu


@pytest.mark.parametrize(
    "name",
    [
        "complaints_public:form",
        "complaints_public:track",
        "complaints_public:statistics",
        "ppid_public:form",
        "ppid_public:track",
        "ppid_public:dip",
        "surveys_public:public_index",
        "surveys_public:standards_public",
        "sops_public:list",
    ],
)
def test_every_public_page_of_a_unit_links_back_to_its_portal(client, units, name):
    unit = units["LAHAT"]
    page = client.get(reverse(name, args=[unit.slug])).content.decode()
    back = page.split('id="portal-back"', 1)[1].split("</nav>", 1)[0]
    assert reverse("portal:unit", args=[unit.slug]) in back and unit.name in back
