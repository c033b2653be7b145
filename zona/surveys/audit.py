"""Surveys and service standards in the field-level trail. The answers, their running tally and the
one-time codes are not recorded: answers are anonymous and numerous, a code is a secret."""

from zona.audit.registry import never, record

from .models import (
    CustomDefinition,
    FollowUp,
    Response,
    Service,
    ServiceStandard,
    StandardReview,
    Survey,
    SurveyTally,
    Ticket,
)

record(Service)
record(CustomDefinition)
record(Survey)
record(FollowUp)
record(ServiceStandard)
record(StandardReview)

never(Response, why="an anonymous answer, with the keyed hash of the answering device")
never(SurveyTally, why="the running count of the answers, recomputed from them")
never(Ticket, why="a one-time code printed on a receipt")
