"""What the LKE's score and gates read from a later app, without importing it (the LKE never
imports a module): the national team's (TPN) survey indexes that replace the unit's own stand-in
(IPAK, IPKP), the predicates the unit holds by a decree recorded there, and the years its
predicate was revoked. A later app registers one provider in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OutsideFacts:
    # question ref → the answer that replaces the unit's own (the TPN's IPAK/IPKP index)
    answers: dict[str, str] = field(default_factory=dict)
    prior: frozenset[str] = frozenset()  # predicates held (WBK in force)
    revoked: tuple[int, ...] = ()  # the years the unit's predicate was revoked


PROVIDERS: list[Callable[..., OutsideFacts]] = []


def register(provider: Callable[..., OutsideFacts]) -> None:
    """`provider(assessment)` → OutsideFacts; registered once per app."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def outside_facts(assessment) -> OutsideFacts:
    """Every provider's facts for the assessment, merged."""
    answers: dict[str, str] = {}
    prior: set[str] = set()
    revoked: set[int] = set()
    for provider in PROVIDERS:
        facts = provider(assessment)
        answers.update(facts.answers)
        prior |= facts.prior
        revoked |= set(facts.revoked)
    return OutsideFacts(answers, frozenset(prior), tuple(sorted(revoked)))
