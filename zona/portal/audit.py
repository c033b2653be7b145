"""The public portal's settings in the field-level trail."""

from zona.audit.registry import record

from .models import PortalSettings

record(PortalSettings)
