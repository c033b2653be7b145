"""Reading a ZI work plan from a decree (Markdown/text), DOCX, XLSX or CSV.

Every reader turns its file into a `Source` (table rows with their location, plus free text
for the decree's metadata and Lampiran I); `build_plan` turns a source into a `ParsedPlan`.
Nothing here touches the database: `zona.plans.services.plan_import` saves a parsed plan.
"""

from .model import ParsedPlan, PlanFileError, Problem
from .read import read_plan

__all__ = ["ParsedPlan", "PlanFileError", "Problem", "read_plan"]
