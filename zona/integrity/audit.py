"""Socialisation and the evaluations of the integrity instruments in the field-level trail."""

from zona.audit.registry import record

from .models import Evaluation, FollowUp, Socialisation

record(Socialisation)
record(Evaluation)
record(FollowUp)
