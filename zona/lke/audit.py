"""LKE self-assessments in the field-level trail."""

from zona.audit.registry import record

from .models import Answer, Assessment, QuestionLink, Submission

record(Assessment)
record(Answer)
record(Submission)
record(QuestionLink)
