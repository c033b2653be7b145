"""Every SOP-register view × every role: the register is seen by those whose role covers the
unit and changed by those who manage its registers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import body, check_access, may_by_role
from zona.orgs.permissions import Action
from zona.sops.models import Review, Sop

from .test_sops import make_sop, pdf

MAY = may_by_role(Action.MANAGE_REGISTERS)


@pytest.fixture
def world(units):
    return {
        "sop": make_sop(
            units["SUMSEL"], approved_on=date(2024, 5, 2), title="SOP Arsip Rahasia", is_service=False
        )
    }


def requests(w):
    sop = w["sop"]
    slug = sop.unit.slug
    new = {
        "title": "SOP Baru",
        "code": "SOP-09",
        "approved_on": "2025-01-02",
        "signer": "Ketua",
        "file": pdf(),
    }
    review = {"reviewed_on": "2025-06-01", "reviewers": "Tim ZI", "result": "tetap"}
    revision = {"code": "SOP-01 rev", "approved_on": "2025-06-02", "signer": "Ketua", "file": pdf()}
    return [
        (
            "register",
            "get",
            reverse("sops:register", args=[slug]),
            None,
            Action.VIEW,
            lambda r: b"SOP Arsip Rahasia" in body(r),
        ),
        (
            "detail",
            "get",
            reverse("sops:detail", args=[slug, sop.pk]),
            None,
            Action.VIEW,
            lambda r: b"SOP Arsip Rahasia" in body(r),
        ),
        (
            "create",
            "post",
            reverse("sops:register", args=[slug]),
            new,
            Action.MANAGE_REGISTERS,
            lambda: Sop.objects.filter(title="SOP Baru").exists(),
        ),
        (
            "review",
            "post",
            reverse("sops:review_new", args=[slug, sop.pk]),
            review,
            Action.MANAGE_REGISTERS,
            lambda: Review.objects.count(),
        ),
        (
            "revision",
            "post",
            reverse("sops:revision_new", args=[slug, sop.pk]),
            revision,
            Action.MANAGE_REGISTERS,
            lambda: sop.versions.count(),
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_sop_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world), MAY[role])


def test_the_anonymous_are_sent_to_sign_in(client, cast, world):
    check_access(client, None, requests(world), set())
