"""Notifications are not in the field-level trail: each is a message to one person about a change
the trail already holds."""

from zona.audit.registry import never

from .models import Notification

never(Notification, why="a message about a change recorded elsewhere; read and e-mailed flags only")
