"""The unit's survey page and the public index read every survey's figures with the list: the
number of queries does not grow with the number of surveys."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from zona.orgs.models import Role
from zona.surveys import services
from zona.surveys.models import Status, Survey
from zona.surveys.tests.factories import DURING_Q1, ServiceFactory, answer, make_survey

pytestmark = pytest.mark.django_db


def _surveys(unit, by, count: int) -> None:
    service = ServiceFactory(unit=unit)
    for n in range(count):
        survey = make_survey(unit, by, service=service, title=f"Survei {n}")
        answer(survey, [4 - n % 3] * 9)
    Survey.objects.filter(unit=unit).update(status=Status.PUBLISHED)


def _queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert page.status_code == 200
    return len(captured), page.content


def _link(page: str, survey: Survey) -> bytes:
    if page == "surveys:unit":
        return reverse("surveys:detail", args=[survey.pk]).encode()
    return reverse("surveys_public:results", args=[survey.unit.slug, survey.token]).encode()


@pytest.mark.parametrize("page", ["surveys:unit", "surveys_public:public_index"])
def test_one_survey_or_ten_the_same_number_of_queries(client, units, cast, monkeypatch, page):
    monkeypatch.setattr(services, "_today", lambda: DURING_Q1)
    one, ten, by = units["PALEMBANG"], units["LAHAT"], cast["coordinator"]
    _surveys(one, by, 1)
    _surveys(ten, by, 10)
    client.force_login(make_user("pengamat", units["SUMSEL"], Role.VIEWER, descendants=True))
    client.get(reverse(page, args=[one.slug]))  # warm the caches (session, definitions)
    few, content = _queries(client, reverse(page, args=[one.slug]))
    many, content_many = _queries(client, reverse(page, args=[ten.slug]))
    assert all(_link(page, s) in content for s in Survey.objects.filter(unit=one))
    listed = [_link(page, s) for s in Survey.objects.filter(unit=ten)]
    assert len(listed) == 10 and all(link in content_many for link in listed)
    assert many == few
