"""Reminder offsets are data with their source (data/reminders.yaml); the setting overrides."""

from __future__ import annotations

import json

import pytest

from zona.lib import reminders


def test_the_offsets_come_from_the_data_file_with_their_source(settings):
    """No regulation names these periods: Zona's defaults, 90 days for an SOP review's notice and a
    week for a work-plan step, each stating so in its source."""
    settings.ZONA_SOP_NOTICE_DAYS = None
    settings.ZONA_REMINDER_DAYS = None
    assert reminders.offset_days("sop_notice") == 90
    assert reminders.offset_days("monev_steps") == 7
    assert all("No regulation names" in reminders.offset_source(name) for name in reminders.offsets())


def test_the_setting_overrides_the_file(settings):
    settings.ZONA_SOP_NOTICE_DAYS = 30
    settings.ZONA_REMINDER_DAYS = 3
    assert reminders.offset_days("sop_notice") == 30
    assert reminders.offset_days("monev_steps") == 3


@pytest.mark.parametrize("spec", [{"days": 0}, {"days": 400}, {"days": 7, "source": ""}, {"days": "7"}])
def test_a_broken_offsets_file_is_refused(spec, tmp_path, monkeypatch):
    broken = {"setting": "ZONA_REMINDER_DAYS", "source": "Zona's default", **spec}
    path = tmp_path / "reminders.yaml"
    path.write_text(f"offsets:\n  monev_steps: {json.dumps(broken)}\n", "utf-8")
    monkeypatch.setattr(reminders, "DATA", path)
    reminders.offsets.cache_clear()
    try:
        with pytest.raises(ValueError, match="monev_steps"):
            reminders.offsets()
    finally:
        reminders.offsets.cache_clear()
