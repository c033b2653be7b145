"""Tracking-code lock-outs per case as well as per address, and replies on a case limited per
case (zona.cases.tracking): a citizen with the right code is never refused because of other
people's guesses, guessing one case is bounded whoever guesses, and a reply past the allowance
is not saved."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from zona.cases.models import CaseMessage
from zona.complaints.services import complaint_submit

FORM = {"subject": "Loket", "description": "Antre", "category": "pelayanan", "reporter_contact": "08123"}
SHARED, CITIZEN, OTHER = "203.0.113.10", "198.51.100.20", "192.0.2.30"


@pytest.fixture(autouse=True)
def limits(settings):
    cache.clear()
    settings.ZONA_PUBLIC_FORM_RATE = "3/h"
    settings.ZONA_TRACK_CASE_RATE = "4/h"
    settings.ZONA_TRACK_REPLY_RATE = "2/h"
    yield
    cache.clear()


@pytest.fixture
def track():
    return reverse("complaints_public:track", args=["sumsel"])


def look(client, url, case, code, address, **extra):
    return client.post(url, {"number": case.number, "code": code, **extra}, REMOTE_ADDR=address)


def test_wrong_guesses_from_a_shared_address_do_not_refuse_the_right_code(client, units, track):
    mine, code = complaint_submit(unit=units["SUMSEL"], **FORM)
    other, _ = complaint_submit(unit=units["SUMSEL"], **FORM)
    for _ in range(3):  # others behind the same address guess on another case
        assert look(client, track, other, "SALAHKODE1", SHARED).status_code == 200
    assert look(client, track, other, "SALAHKODE1", SHARED).status_code == 429  # the address is locked
    shown = look(client, track, mine, code, SHARED)  # …but the citizen with the right code gets in
    assert shown.status_code == 200 and shown.context["case"] == mine


def test_wrong_guesses_on_a_case_lock_the_guessers_out_of_it(client, units, track):
    case, code = complaint_submit(unit=units["SUMSEL"], **FORM)
    guessers = [f"10.0.0.{n}" for n in range(4)]
    for address in guessers:  # four addresses, one wrong guess each: the case's allowance
        assert look(client, track, case, "SALAHKODE1", address).status_code == 200
    for address in guessers:  # every guesser is now refused for this case, even with the right code
        refused = look(client, track, case, code, address)
        assert refused.status_code == 429 and "case" not in refused.context
        assert "Terlalu banyak kode salah" in refused.content.decode()
    fresh = look(client, track, case, "SALAHKODE2", "10.0.1.1")  # one more try per new address…
    assert fresh.status_code == 200 and fresh.context["not_found"]
    assert look(client, track, case, code, "10.0.1.1").status_code == 429  # …then it is locked too
    citizen = look(client, track, case, code, CITIZEN)  # the citizen never guessed wrong
    assert citizen.status_code == 200 and citizen.context["case"] == case


def test_a_case_lock_is_only_for_that_case(client, units, track):
    case, _ = complaint_submit(unit=units["SUMSEL"], **FORM)
    other, other_code = complaint_submit(unit=units["SUMSEL"], **FORM)
    for n in range(4):
        look(client, track, case, "SALAHKODE1", f"10.0.0.{n}")
    shown = look(client, track, other, other_code, "10.0.0.0")
    assert shown.status_code == 200 and shown.context["case"] == other


def test_replies_on_a_case_are_limited_per_case(client, units, track):
    case, code = complaint_submit(unit=units["SUMSEL"], **FORM)
    for n in range(2):
        look(client, track, case, code, f"10.0.2.{n}", text=f"Balasan {n}")
    refused = look(client, track, case, code, "10.0.2.9", text="Balasan lagi")  # any address
    assert refused.status_code == 200
    texts = list(CaseMessage.objects.filter(case=case).values_list("text", flat=True))
    assert texts.count("Balasan lagi") == 0 and {"Balasan 0", "Balasan 1"} <= set(texts)
    assert "Terlalu banyak balasan" in refused.content.decode()


def test_a_wbs_reporters_messages_are_limited_per_report(client, units, settings):
    from conftest import make_user
    from zona.orgs.models import Role
    from zona.wbs.keys import key_create
    from zona.wbs.models import Message, Sender
    from zona.wbs.tests.conftest import PASSPHRASE, submit

    key_create(user=make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT), passphrase=PASSPHRASE)
    report, code = submit(units["SUMSEL"])
    url = reverse("wbs_public:track")
    answers = [
        client.post(url, {"code": code, "action": "reply", "text": f"Pesan {n}"}, REMOTE_ADDR=f"10.0.3.{n}")
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert Message.objects.filter(report=report, sender=Sender.REPORTER).count() == 2
    assert "Terlalu banyak balasan pada laporan ini" in answers[-1].content.decode()
