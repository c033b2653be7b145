"""What a walk through the cycle found: `zona cycle open --help` shows the team's form it takes
(members with their tiers), and the revocation form's errors name their fields."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from zona.cycle.models import Revocation

from .test_predicates import award


def test_the_open_commands_help_shows_the_teams_form(capsys):
    with pytest.raises(SystemExit):
        call_command("cycle", "open", "--help")
    shown = " ".join(capsys.readouterr().out.split())
    assert "NAME=USER[:TIER],..." in shown and "NAME=USER1,USER2" not in shown
    assert "Tim A=ani:anggota,budi:ketua" in shown and "anggota, ketua, pengendali" in shown


def test_an_empty_revocation_names_the_fields_it_needs(client, opened, apip):
    wbk = award(opened["SUMSEL"].unit, apip)
    client.force_login(apip)
    page = client.post(reverse("cycle:revoke", args=[wbk.pk]), {}, follow=True).content.decode()
    for label in ("Dicabut pada", "Alasan", "SK atau pengumuman"):
        assert f"{label}: Bidang ini tidak boleh kosong." in page
    assert not Revocation.objects.exists()


def test_the_readme_lists_the_evaluation_years_commands():
    from django.conf import settings

    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    for command in ("`zona cycle open --year N --under CODE --by USERNAME", "`zona package verify FILE`"):
        assert command in readme


def test_the_opening_bench_refuses_to_drop_a_database_not_named_for_benches():
    import os
    import subprocess
    import sys

    from django.conf import settings

    script = settings.BASE_DIR / "bench" / "cycle_open.py"
    env = {**os.environ, "BENCH_DB": "zona", "PATH": "/nonexistent"}  # psql unreachable besides
    done = subprocess.run(  # noqa: S603 - this repository's own script
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "BENCH_DB='zona'" in done.stderr and "benches" in done.stderr
