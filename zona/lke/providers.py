"""What the LKE's score and gates read from a later app, without importing it (the LKE never
imports a module): the national team's (TPN) survey indexes that replace the unit's own stand-in
(IPAK, IPKP), the predicates the unit holds by a decree recorded there, the years its predicate
was revoked and the dates its WBK was; and whether a later app owns the writing of the TPI's
answers (the TPI's tiers). A later app registers one provider in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class OutsideFacts:
    # question ref → the answer that replaces the unit's own (the TPN's IPAK/IPKP index)
    answers: dict[str, str] = field(default_factory=dict)
    prior: frozenset[str] = frozenset()  # predicates held (WBK in force)
    revoked: tuple[int, ...] = ()  # the years the unit's predicate was revoked
    wbk_revoked_on: tuple[date, ...] = ()  # the dates the unit's WBK was revoked (a WBK decree's end)


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
    wbk_revoked: set[date] = set()
    for provider in PROVIDERS:
        facts = provider(assessment)
        answers.update(facts.answers)
        prior |= facts.prior
        revoked |= set(facts.revoked)
        wbk_revoked |= set(facts.wbk_revoked_on)
    return OutsideFacts(answers, frozenset(prior), tuple(sorted(revoked)), tuple(sorted(wbk_revoked)))


# Later apps that own how the TPI's answers of an assessment are written (the TPI's tiers: the
# approval of their top tier sets those answers): `check(assessment)` → the refusal, for the user,
# of a TPI answer written on the LKE itself (its section page, the services behind it), or "".
TPI_ANSWER_OWNERS: list[Callable[..., str]] = []


def register_tpi_answer_owner(check: Callable[..., str]) -> None:
    if check not in TPI_ANSWER_OWNERS:
        TPI_ANSWER_OWNERS.append(check)


def tpi_direct_refusal(assessment) -> str:
    """Why the TPI's answers of the assessment can't be written on the LKE itself, or ""."""
    for check in TPI_ANSWER_OWNERS:
        refusal = check(assessment)
        if refusal:
            return refusal
    return ""
