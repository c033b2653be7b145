"""The field-level trail of the apps before this one (people and units), of Zona's own event log,
and of the framework's sign-in records."""

from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session

from zona.accounts.models import User
from zona.orgs.models import RoleAssignment, Unit

from .models import AuditEvent
from .registry import never, record

record(User, secret=("password",), noise=("last_login",))
record(Unit)
record(RoleAssignment)

never(AuditEvent, why="Zona's own event log, written by the services; never edited")
never(Session, why="a signed-in session: its key opens the account")
never(
    AccessAttempt,
    AccessAttemptExpiration,
    AccessFailureLog,
    AccessLog,
    why="sign-in attempts (django-axes): names typed and addresses, kept by the lock-out",
)
