"""The active instrument's questions, offered to the plan importer (which may not import the
LKE) so a plan written per LKE question is placed and linked."""

from __future__ import annotations

from functools import cache

from zona.plans.importers.lke_questions import Question

from .instrument import resolve


@cache
def plan_questions() -> list[Question]:
    instrument = resolve(None)
    found = []
    for group in instrument.groups():
        for question in group.questions:
            parts = question.ref.split(".")
            part = parts[1] if parts[0] == "A" else "B"
            found.append(
                Question(
                    ref=question.ref,
                    text=question.text,
                    area=group.area or 0,
                    part=part,
                    group_ref=".".join(parts[:-1]),
                    group_name=group.name,
                    numeric=question.type == "numeric",
                )
            )
    return found
