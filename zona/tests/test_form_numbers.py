"""Every number a form takes is bounded to what its database column holds (zona.lib.forms): a
30-digit number is a form error in Indonesian, never a server error. So is an id: every model
choice field of every form, and every list of ids a view reads by hand (`ids_from`)."""

import ast
import copy
import importlib
import pkgutil
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

import zona
from zona.lib.forms import INTEGER_RANGES, BoundedNumbers, bound_numbers, ids_from

HUGE = "9" * 30


def _zona_forms() -> list[type]:
    for module in pkgutil.walk_packages(zona.__path__, "zona."):
        leaf = module.name.rsplit(".", 1)[-1]
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        if leaf.startswith(("forms", "views")) or leaf in {"api", "admin"}:
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("zona.") and ".tests" not in cls.__module__:
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _numbers(cls) -> dict:
    fields = getattr(cls, "base_fields", {})
    return {name: field for name, field in fields.items() if isinstance(field, forms.IntegerField)}


NUMBER_FORMS = [cls for cls in _zona_forms() if _numbers(cls)]


def test_the_sweep_finds_the_forms_with_numbers():
    names = {cls.__name__ for cls in NUMBER_FORMS}
    assert {"IndicatorForm", "ActivityForm", "AssignForm", "TokenForm"} & names
    assert len(NUMBER_FORMS) >= 10, names


@pytest.mark.parametrize("cls", NUMBER_FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_number_field_refuses_a_number_too_large_for_the_database(cls):
    whole = [f for f in _numbers(cls).values() if not isinstance(f, forms.DecimalField)]
    assert issubclass(cls, BoundedNumbers) or not whole, f"{cls.__name__} must bound its numbers (zona.lib)"
    fields = copy.deepcopy(cls.base_fields)
    meta = getattr(cls, "_meta", None)
    bound_numbers(fields, getattr(meta, "model", None))
    for name, field in _numbers(cls).items():
        field = fields[name]
        assert not isinstance(field, forms.FloatField), f"{cls.__name__}.{name}: use a DecimalField"
        if isinstance(field, forms.DecimalField):
            assert field.max_digits is not None, f"{cls.__name__}.{name} needs max_digits"
        else:
            low, high = INTEGER_RANGES["BigIntegerField"]
            assert low <= field.min_value and field.max_value <= high
        for value in (HUGE, f"-{HUGE}"):
            with translation.override("id"), pytest.raises(ValidationError) as refused:
                field.clean(value)
            assert "Pastikan" in " ".join(refused.value.messages), refused.value.messages


def test_a_model_forms_number_takes_its_columns_range():
    from zona.portal.views import SettingsForm

    fields = copy.deepcopy(SettingsForm.base_fields)
    bound_numbers(fields, SettingsForm._meta.model)
    for name, field in fields.items():
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
            column = SettingsForm._meta.model._meta.get_field(name).get_internal_type()
            assert field.max_value <= INTEGER_RANGES[column][1]


@pytest.mark.django_db
def test_a_huge_number_on_a_page_is_a_form_error_and_saves_nothing(client, cast, units):
    from django.urls import reverse

    from zona.api.models import ApiToken

    client.force_login(cast["coordinator"])
    response = client.post(reverse("api_tokens:list"), {"name": "laporan", "days": HUGE}, follow=True)
    assert response.status_code == 200
    assert "Pastikan" in response.content.decode()
    assert not ApiToken.objects.exists()


@given(st.integers(min_value=-(10**40), max_value=10**40))
def test_a_bounded_number_is_kept_in_range_or_refused(number):
    field = forms.IntegerField(required=False)
    fields = {"n": field}
    bound_numbers(fields)
    low, high = INTEGER_RANGES["IntegerField"]
    try:
        cleaned = fields["n"].clean(str(number))
    except ValidationError:
        assert not low <= number <= high
    else:
        assert cleaned == number and low <= number <= high
    tight = forms.IntegerField(min_value=0, max_value=100)
    bound_numbers({"n": tight})
    assert (tight.min_value, tight.max_value) == (0, 100)  # a tighter bound is kept


# -- ids: model choice fields and the id lists views read by hand ----------------------------
def _choices(cls) -> dict:
    fields = getattr(cls, "base_fields", {})
    return {name: field for name, field in fields.items() if isinstance(field, forms.ModelChoiceField)}


CHOICE_FORMS = [cls for cls in _zona_forms() if _choices(cls)]


def test_the_sweep_finds_the_forms_with_model_choices():
    names = {cls.__name__ for cls in CHOICE_FORMS}
    assert {"MeetingForm", "FindingForm", "ImportForm"} <= names
    assert len(CHOICE_FORMS) >= 12, names


@pytest.mark.django_db
@pytest.mark.parametrize("cls", CHOICE_FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_model_choice_refuses_an_id_too_large_for_the_database(cls):
    from django.contrib.auth import get_user_model

    assert issubclass(cls, BoundedNumbers), f"{cls.__name__} must bound its ids (zona.lib.forms)"
    fields = copy.deepcopy(cls.base_fields)
    bound_numbers(fields, getattr(getattr(cls, "_meta", None), "model", None))
    for name in _choices(cls):
        field = fields[name]
        # the form sets its choices when it is made; any table's will do: the query is what fails
        model = field.queryset.model if field.queryset is not None else get_user_model()
        field.queryset = model._default_manager.all()
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        for value in (HUGE, f"-{HUGE}", str(2**63)):
            with translation.override("id"), pytest.raises(ValidationError) as refused:
                field.clean([value] if multiple else value)
            assert "Masukkan pilihan yang valid" in " ".join(refused.value.messages), (cls, name)


def test_a_hand_read_id_list_keeps_only_ids_the_database_can_hold():
    from django.http import QueryDict

    posted = QueryDict(
        f"e=3&e=x&e=-4&e=3&e={HUGE}&e={2**63 - 1}&e={2**63}&e= 7 &e=1e3&e=%D9%A1&e=0&e={'9' * 5000}"
    )
    assert ids_from(posted, "e") == [3, 2**63 - 1, 7]
    assert ids_from(posted, "absent") == []


def _hand_read_ids(tree: ast.AST) -> list[int]:
    """Lines where a comprehension turns the values of a `getlist(...)` into numbers with int()."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp):
            continue
        over = [g.iter for g in node.generators]
        reads_list = any(isinstance(i, ast.Call) and getattr(i.func, "attr", "") == "getlist" for i in over)
        makes_int = isinstance(node.elt, ast.Call) and getattr(node.elt.func, "id", "") == "int"
        if reads_list and makes_int:
            found.append(node.lineno)
    return found


def test_no_view_reads_a_list_of_ids_by_hand():
    root = Path(zona.__file__).parent
    found = {
        f"{path.relative_to(root)}:{line}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts and "getlist(" in (text := path.read_text())
        for line in _hand_read_ids(ast.parse(text))
    }
    assert not found, f"read the ids with zona.lib.forms.ids_from: {sorted(found)}"
    planted = ast.parse('ids = [int(i) for i in request.POST.getlist("evidence") if i.isdigit()]')
    assert _hand_read_ids(planted) == [1]  # the check sees the pattern it forbids


@pytest.mark.django_db
def test_huge_ids_on_the_pages_that_take_id_lists_are_no_server_error(client, cast, units, seed_plan):
    """The pages that once answered 500: a meeting's attendees, an LKE answer's evidence, an
    evaluator's request answered with evidence."""
    from django.urls import reverse

    from zona.evaluation.rfi import request_raise
    from zona.evaluation.services import team_member_add
    from zona.evaluation.tests.conftest import under_review
    from zona.lke.models import Answer
    from zona.monev.models import Meeting

    client.force_login(cast["coordinator"])
    meeting = client.post(
        reverse("monev:meeting_new", args=[seed_plan.pk]),
        {"title": "Rapat", "held_on": "02/03/2023", "attendees": [HUGE, str(2**63)]},
    )
    assert meeting.status_code == 200 and "Masukkan pilihan yang valid" in meeting.content.decode()
    assert not Meeting.objects.exists()

    assessment = under_review(units["SUMSEL"], cast["coordinator"])
    answered = client.post(
        reverse("lke:answer", args=[assessment.pk, "A.I.1.i.a"]),
        {"level": "tpi", "value": "Ya", "evidence": [HUGE, str(2**63), "-1"]},
    )
    assert answered.status_code == 403  # the coordinator answers at the unit's level only
    client.force_login(cast["reviewer"])
    answered = client.post(
        reverse("lke:answer", args=[assessment.pk, "A.I.1.i.a"]),
        {"level": "tpi", "value": "Ya", "evidence": [HUGE, str(2**63), "-1"]},
    )
    assert answered.status_code == 302  # saved, the ids out of range found nothing
    saved = Answer.objects.get(assessment=assessment, ref="A.I.1.i.a", level="tpi")
    assert not saved.evidence.exists()

    from conftest import make_user

    member = make_user("tpi_ids")
    team_member_add(assessment=assessment, user=member, tier_code="anggota", by=cast["reviewer"])
    rfi = request_raise(
        assessment=assessment, by=member, ref="A.I.1.i.b", kind="missing", text="SK", today=date(2023, 5, 8)
    )
    client.force_login(cast["coordinator"])
    replied = client.post(
        reverse("evaluation:request_answer", args=[rfi.pk]), {"answer": "Terlampir", "evidence": [HUGE]}
    )
    assert replied.status_code == 302
    rfi.refresh_from_db()
    assert rfi.answer == "Terlampir" and not rfi.evidence.exists()
