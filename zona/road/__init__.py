"""The road to WBK/WBBM: the predicate's gates with their margins, the forecast at the proposal
date, the cheapest path through the failing gates, the what-if sandbox, evidence readiness and the
evaluation calendar."""
