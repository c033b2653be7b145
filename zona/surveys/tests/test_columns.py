"""The answer and tally columns are written out in the models: as many as a definition may have
items, and the tally's per item."""

from zona.surveys.definitions import MAX_ITEMS
from zona.surveys.models import Response, SurveyTally


def _names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def test_one_answer_column_and_one_tally_pair_per_item():
    items = range(1, MAX_ITEMS + 1)
    assert {f"a{i}" for i in items} <= _names(Response)
    assert f"a{MAX_ITEMS + 1}" not in _names(Response)
    assert {f"s{i}" for i in items} | {f"c{i}" for i in items} <= _names(SurveyTally)
    assert f"s{MAX_ITEMS + 1}" not in _names(SurveyTally) and f"c{MAX_ITEMS + 1}" not in _names(SurveyTally)
