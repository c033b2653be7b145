"""The public portal's settings in the field-level trail."""

from zona.audit.registry import never, record

from .models import OpenStatistics, PortalSettings

record(PortalSettings)
never(OpenStatistics, why="figures recomputed each day from the registers; nothing a person edits")
