"""The architecture as a test: every reference from one app to another is allowed by
zona/architecture.yaml, or listed there as a known violation.

A reference is an import (at module level or inside a function, absolute or relative), a module
named in a string (`importlib.import_module("zona.x.y")`, `"zona.x.middleware.M"` in settings), a
URL name (`{% url 'x:y' %}` in a template, `reverse("x:y")` in code: the app whose `urls` module
declares namespace `x`), a template of another app (`{% extends %}`, `{% include %}`, a name in
code), a template tag library (`{% load %}`) and a model label (`"wbs.Report"`,
`apps.get_model("wbs", …)`). Tests and migrations are exempt. `config/` and `templates/` are
the project, which mounts every app.

Run as a script to print every reference found (`python zona/tests/test_architecture.py`) or the
table of docs/ARCHITECTURE.md (`… --table`).
"""

from __future__ import annotations

import ast
import importlib
import re
import sys
import warnings
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ZONA = ROOT / "zona"
SPEC_FILE = ZONA / "architecture.yaml"
PAGE = ROOT / "docs" / "ARCHITECTURE.md"
PROJECT = "project"  # config/ and templates/
EXEMPT_PARTS = {"tests", "migrations", "__pycache__"}
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml", ".svg", ".md")
URL_TAG = re.compile(r"""\{%\s*url\s+['"]([\w-]+):[\w-]+['"]""")
TEMPLATE_TAG = re.compile(r"""\{%\s*(?:extends|include)\s+['"]([^'"]+)['"]""")
LOAD_TAG = re.compile(r"\{%\s*load\s+([\w\s]+?)\s*%\}")
URL_NAME = re.compile(r"^([a-z_]+):[\w-]+$")
MODEL_LABEL = re.compile(r"^([a-z_]+)\.([A-Z]\w+)$")
DOTTED = re.compile(r"^zona(\.\w+)+$")
TABLE_START = "<!-- architecture table: generated from zona/architecture.yaml -->"
TABLE_END = "<!-- end of the architecture table -->"


@dataclass(frozen=True, order=True)
class Ref:
    app: str  # the app that refers (or "project")
    target: str  # the app referred to
    module: str  # the first module inside it ("models", "urls", "templates", …)
    where: str  # file:line

    @property
    def name(self) -> str:
        return f"{self.target}.{self.module}"


# -- what the code refers to ----------------------------------------------------------------------


@cache
def apps() -> frozenset[str]:
    return frozenset(p.name for p in ZONA.iterdir() if (p / "__init__.py").exists() and p.name != "tests")


def owner(path: Path) -> str | None:
    """The app a file belongs to, "project" for config/ and templates/, None when exempt."""
    relative = path.relative_to(ROOT).parts
    if EXEMPT_PARTS & set(relative):
        return None
    if relative[0] in ("config", "templates"):
        return PROJECT
    if relative[0] == "zona" and len(relative) > 2 and relative[1] in apps():
        return relative[1]
    return None


@cache
def _parsed_text(text: str) -> ast.Module:
    return ast.parse(text)


def parsed(path: Path) -> ast.Module:
    """A module's tree. Trees are kept by the module's text for the whole process (about 75 MB for
    the project): the checks below read the same modules many times, and the recipe tests run them
    again over a copy of the tree; none of them changes a tree."""
    text = path.read_text("utf-8")
    try:
        return _parsed_text(text)
    except SyntaxError:
        return ast.parse(text, str(path))  # raised again, naming the file


def _module_of(app: str, rest: list[str]) -> str:
    """The first module under the app named by `rest` (a package's own name when empty)."""
    return rest[0] if rest else "__init__"


def _absolute(path: Path, node: ast.ImportFrom) -> list[str]:
    """The dotted names an import-from refers to (the module and, for a package, each name)."""
    if node.level:
        package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
        base = package[: len(package) - node.level + 1]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    if module.count(".") <= 1:  # `from zona.plans import selectors`: each name may be a module
        return [f"{module}.{alias.name}" for alias in node.names]
    return [module]


@cache
def namespaces() -> dict[str, tuple[str, str]]:
    """URL namespace → (app, module declaring it)."""
    found = {}
    for path in ZONA.glob("*/urls*.py"):
        match = re.search(r"""^app_name\s*=\s*['"]([\w-]+)['"]""", path.read_text("utf-8"), re.M)
        if match:
            found[match.group(1)] = (path.parent.name, path.stem)
    return found


@cache
def template_owners() -> dict[str, list[str]]:
    """Template name → the apps (or "project") whose template directory holds it."""
    found = defaultdict(list)
    directories = [(PROJECT, ROOT / "templates")] + [
        (app, ZONA / app / "templates") for app in sorted(apps())
    ]
    for app, directory in directories:
        for path in directory.rglob("*"):
            if path.is_file():
                found[path.relative_to(directory).as_posix()].append(app)
    return found


@cache
def tag_libraries() -> dict[str, str]:
    return {p.stem: p.parent.parent.name for p in ZONA.glob("*/templatetags/*.py") if p.stem != "__init__"}


def _template_ref(app: str, name: str, where: str) -> Ref | None:
    """Another app's template; the project's base pages (templates/) are every app's to extend."""
    holders = template_owners().get(name, [])
    if not holders or app in holders or PROJECT in holders:
        return None
    return Ref(app, holders[0], "templates", where)


def _string_refs(app: str, value: str, where: str) -> list[Ref]:
    known = apps()
    if DOTTED.match(value) and value.split(".")[1] in known:
        parts = value.split(".")
        return [Ref(app, parts[1], _module_of(parts[1], parts[2:]), where)]
    if (match := URL_NAME.match(value)) and match.group(1) in namespaces():
        target, module = namespaces()[match.group(1)]
        return [Ref(app, target, module, where)]
    if (match := MODEL_LABEL.match(value)) and match.group(1) in known:
        return [Ref(app, match.group(1), "models", where)]
    if "." in value and (label := label_of(value)):  # "wbs.report": a model label in lowercase
        return [Ref(app, label, "models", where)]
    if value.endswith(TEMPLATE_SUFFIXES) and (ref := _template_ref(app, value, where)):
        return [ref]
    return []


@cache
def model_names() -> dict[str, frozenset[str]]:
    """App → the lowercase names of the classes in its models module or package."""
    found = {}
    for app in apps():
        base = ZONA / app
        files = [base / "models.py", *sorted((base / "models").glob("*.py"))]
        found[app] = frozenset(
            node.name.lower()
            for path in files
            if path.exists()
            for node in parsed(path).body
            if isinstance(node, ast.ClassDef)
        )
    return found


def label_of(value: str) -> str | None:
    """The Zona app a string names as an app label ("wbs") or a model label ("wbs.report",
    "WBS.Report"), in any case; None for anything else."""
    label, dot, model = value.lower().partition(".")
    if label not in apps():
        return None
    return label if not dot or model in model_names()[label] else None


# Labels of Django's and the libraries' apps: a list holding one is a list of app labels.
OTHER_LABELS = {"admin", "auth", "contenttypes", "sessions", "axes", "auditlog", "otp_totp", "otp_static"}
LABEL_CALLS = {"get_by_natural_key", "get_app_config", "get_model", "get_models", "is_installed"}


def _strings(node: ast.AST | None) -> list[ast.Constant]:
    """The string constant a node is, or those of a list, tuple or set literal."""
    items = node.elts if isinstance(node, ast.List | ast.Tuple | ast.Set) else [node]
    return [n for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _is_label_list(items: list[ast.Constant]) -> bool:
    """A literal holding a model label ("auth.permission", "wbs.report") or another app's label."""
    return any(
        "." in item.value and label_of(item.value) or item.value.lower().split(".")[0] in OTHER_LABELS
        for item in items
    )


def _label_constants(node: ast.AST) -> list[ast.Constant]:
    """Strings where an app label is meant: the arguments of a label lookup
    (`get_by_natural_key("wbs", "report")`), an `app_label` keyword (`content_type__app_label__in=
    ["wbs"]`), a comparison with a label (`meta.app_label == "wbs"`), and a list of labels."""
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        return [c for arg in node.args[:1] for c in _strings(arg)] if name in LABEL_CALLS else []
    if isinstance(node, ast.keyword) and "app_label" in (node.arg or ""):
        return _strings(node.value)
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        if any("label" in ast.unparse(side) for side in sides if isinstance(side, ast.Attribute | ast.Name)):
            return [c for side in sides for c in _strings(side)]
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and _is_label_list(items := _strings(node)):
        return items
    return []


def _label_refs(app: str, node: ast.AST, relative: Path) -> list[Ref]:
    """An app label by plain string, in a place that means one (see `_label_constants`)."""
    return [
        Ref(app, label, "models", f"{relative}:{c.lineno}")
        for c in _label_constants(node)
        if (label := label_of(c.value))
    ]


def _call_refs(app: str, node: ast.Call, where: str) -> list[Ref]:
    """`apps.get_model("wbs", "Report")`, `apps.get_app_config("wbs")`: an app label by string."""
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    if name in ("get_model", "get_app_config", "get_models") and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            label = first.value.split(".")[0]
            if label in apps():
                return [Ref(app, label, "models", where)]
    return []


# Each tree's nodes, listed once: the checks walk the same (cached, never changed) trees many
# times. Kept with the tree itself, so an id is never taken for another tree's.
_NODES: dict[int, tuple[ast.AST, list[ast.AST]]] = {}


def _nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of the tree (as ast.walk finds them, without its generic field iteration)."""
    kept = _NODES.get(id(tree))
    if kept is None or kept[0] is not tree:
        kept = _NODES[id(tree)] = (tree, list(_walk(tree)))
    return kept[1]


def _walk(tree: ast.AST):
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)


def python_refs(path: Path, app: str) -> list[Ref]:
    tree = parsed(path)
    refs = []
    relative = path.relative_to(ROOT)
    for node in _nodes(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            names = _absolute(path, node)
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Call):
            refs += _call_refs(app, node, f"{relative}:{node.lineno}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            refs += _string_refs(app, node.value, f"{relative}:{node.lineno}")
        refs += _label_refs(app, node, relative)
        for name in names:
            parts = name.split(".")
            if parts[0] == "zona" and len(parts) > 1 and parts[1] in apps():
                refs.append(Ref(app, parts[1], _module_of(parts[1], parts[2:]), f"{relative}:{node.lineno}"))
    return refs


def template_refs(path: Path, app: str) -> list[Ref]:
    text = path.read_text("utf-8", errors="replace")
    refs = []
    relative = path.relative_to(ROOT)
    for number, line in enumerate(text.splitlines(), 1):
        if "{%" not in line:
            continue
        where = f"{relative}:{number}"
        for namespace in URL_TAG.findall(line):
            if namespace in namespaces():
                target, module = namespaces()[namespace]
                refs.append(Ref(app, target, module, where))
        for name in TEMPLATE_TAG.findall(line):
            if ref := _template_ref(app, name, where):
                refs.append(ref)
        for group in LOAD_TAG.findall(line):
            for library in group.split():
                if library in tag_libraries():
                    refs.append(Ref(app, tag_libraries()[library], "templatetags", where))
    return refs


# A module's references, kept by all that decides them: its text, its place, its app and the names
# the tree declares (apps, URL namespaces, templates). The recipe tests run the checks again over a
# copy of the tree with an app added or a module changed: the other modules are not read again.
_MODULE_REFS: dict[tuple, list[Ref]] = {}


def _module_refs(path: Path, app: str, declared: tuple) -> list[Ref]:
    key = (path.read_text("utf-8"), path.relative_to(ROOT), app, declared)
    if key not in _MODULE_REFS:
        _MODULE_REFS[key] = python_refs(path, app)
    return _MODULE_REFS[key]


@cache
def references() -> list[Ref]:
    """Every reference from an app (or the project) to another app."""
    refs = []
    templates = frozenset((name, tuple(holders)) for name, holders in template_owners().items())
    declared = (apps(), frozenset(namespaces().items()), templates)
    for path in sorted([*ZONA.rglob("*.py"), *(ROOT / "config").rglob("*.py")]):
        if (app := owner(path)) is not None:
            refs += _module_refs(path, app, declared)
    for directory in [ROOT / "templates", *ZONA.glob("*/templates")]:
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix in TEMPLATE_SUFFIXES and (app := owner(path)) is not None:
                refs += template_refs(path, app)
    return sorted({r for r in refs if r.target != r.app})


# -- what the file allows -------------------------------------------------------------------------


@cache
def spec() -> dict:
    data = yaml.safe_load(SPEC_FILE.read_text("utf-8"))
    assert set(data) == {"version", "source", "apps", "project", "known_violations"}, set(data)
    for name, entry in data["apps"].items():
        assert set(entry) <= {"face", "uses", "links"}, f"{name}: unknown keys {set(entry)}"
        assert entry["face"] == "*" or isinstance(entry["face"], list), f"{name}: face is a list or *"
        assert isinstance(entry.get("uses", []), list), f"{name}: uses is a list"
        assert isinstance(entry.get("links", []), list), f"{name}: links is a list"
    for item in data["known_violations"]:
        assert set(item) == {"app", "uses", "reason"} and item["reason"].strip(), item
    return data


def face(target: str) -> list[str] | str:
    return spec()["apps"][target]["face"]


def is_link(ref: Ref) -> bool:
    """A URL name of the target's pages: a link, allowed in any direction when listed."""
    return ref.module.startswith("urls")


def allowed(ref: Ref) -> bool:
    if ref.app == PROJECT:  # installs every app, mounts its URLs, uses its public face
        shown = face(ref.target)
        return is_link(ref) or ref.module == "__init__" or shown == "*" or ref.module in shown
    entry = spec()["apps"][ref.app]
    if is_link(ref):
        return ref.target in entry.get("uses", []) + entry.get("links", [])
    if ref.target not in entry.get("uses", []):
        return False
    return face(ref.target) == "*" or ref.module in face(ref.target)


def known() -> set[tuple[str, str]]:
    return {(item["app"], item["uses"]) for item in spec()["known_violations"]}


def module_exists(app: str, module: str) -> bool:
    base = ZONA / app
    return (
        (base / f"{module}.py").exists()
        or (base / module / "__init__.py").exists()
        or (module in ("templates", "templatetags") and (base / module).is_dir())
    )


# -- the tests ------------------------------------------------------------------------------------


def test_every_app_is_in_the_file_and_installed():
    from django.conf import settings

    listed = list(spec()["apps"])
    assert set(listed) == set(apps()), f"place in zona/architecture.yaml: {set(listed) ^ set(apps())}"
    installed = {name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("zona.")}
    assert installed == set(listed) - {"lib"}, installed ^ (set(listed) - {"lib"})


def test_apps_use_only_apps_listed_before_them():
    """The file lists the apps in dependency order: nothing points back, so there is no cycle."""
    listed = list(spec()["apps"])
    for position, app in enumerate(listed):
        later = set(spec()["apps"][app].get("uses", [])) - set(listed[:position])
        assert not later, f"{app} uses {later}, which come after it (or are unknown)"


def test_every_face_module_exists():
    missing = [
        f"{app}.{module}"
        for app, entry in spec()["apps"].items()
        if entry["face"] != "*"
        for module in entry["face"]
        if not module_exists(app, module)
    ]
    assert missing == []


def test_every_reference_is_allowed_or_a_known_violation():
    broken = [
        f"{r.where}: {r.app} → {r.name}"
        for r in references()
        if not allowed(r) and (r.app, r.name) not in known()
    ]
    assert broken == [], "a new reference between apps is a change to zona/architecture.yaml:\n" + "\n".join(
        broken
    )


def test_known_violations_still_happen_so_the_list_only_shrinks():
    found = {(r.app, r.name) for r in references() if not allowed(r)}
    gone = known() - found
    assert not gone, f"fixed: remove from known_violations in zona/architecture.yaml: {sorted(gone)}"
    if known():  # tolerated, but reported
        warnings.warn(f"{len(known())} known architecture violations: {sorted(known())}", stacklevel=1)


def test_every_allowed_use_is_used():
    """An app listed in `uses` but never referred to is stale: the file says more than the code."""
    used = defaultdict(set)
    for ref in references():
        used[ref.app].add(ref.target)
    stale = [
        f"{app} uses {target}"
        for app, entry in spec()["apps"].items()
        for target in entry.get("uses", [])
        if target not in used[app]
    ]
    assert stale == []


def table() -> str:
    """The table of docs/ARCHITECTURE.md, from the file."""
    lines = ["| app | its public face (what other apps may use) | uses | links to |", "|---|---|---|---|"]
    for app, entry in spec()["apps"].items():
        shown = "any module" if entry["face"] == "*" else ", ".join(f"`{m}`" for m in entry["face"]) or "—"
        uses, links = (", ".join(entry.get(key, [])) or "—" for key in ("uses", "links"))
        lines.append(f"| `{app}` | {shown} | {uses} | {links} |")
    return "\n".join(lines)


def test_the_architecture_page_holds_the_table_of_the_file():
    page = PAGE.read_text("utf-8")
    assert TABLE_START in page and TABLE_END in page
    written = page.split(TABLE_START)[1].split(TABLE_END)[0].strip()
    assert written == table(), "regenerate: python zona/tests/test_architecture.py --table"


def test_the_architecture_page_lists_each_known_violation():
    page = PAGE.read_text("utf-8")
    missing = [f"{app} → {uses}" for app, uses in known() if f"`{app}` → `{uses}`" not in page]
    assert missing == []


def test_the_architecture_page_lists_the_apps_in_the_files_order():
    page = PAGE.read_text("utf-8")
    positions = [page.index(f"zona/{app} ") for app in spec()["apps"]]
    assert positions == sorted(positions)


def test_every_registry_on_the_page_exists():
    section = PAGE.read_text("utf-8").split("## The plug-in registries")[1].split("\n## ")[0]
    names = set(re.findall(r"`(zona(?:\.\w+)+\.[A-Z][A-Z_]+)`", section))
    assert len(names) >= 8, names
    found = {name: name.rsplit(".", 1) for name in names}
    missing = [
        name for name, (module, attr) in found.items() if not hasattr(importlib.import_module(module), attr)
    ]
    assert missing == []


# -- sizes: no module over 500 lines, no function over 80 (tests and migrations aside) -------------
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
# Being split by another change right now; the lead empties this set once it is merged. Nothing
# else may be listed: a long function is split into named steps, a long module into subjects.
IN_PROGRESS: set[str] = set()


def source_files() -> list[Path]:
    """The project's Python source: zona/ and config/, tests and migrations aside."""
    files = [*ZONA.rglob("*.py"), *(ROOT / "config").rglob("*.py")]
    return sorted(p for p in files if not EXEMPT_PARTS & set(p.relative_to(ROOT).parts))


def oversized() -> list[str]:
    """Every module over MAX_MODULE_LINES and function over MAX_FUNCTION_LINES, outside IN_PROGRESS."""
    found = []
    for path in source_files():
        name = path.relative_to(ROOT).as_posix()
        if name in IN_PROGRESS:
            continue
        text = path.read_text("utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{name}: {lines} lines")
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return found


def test_no_module_over_500_lines_and_no_function_over_80():
    assert oversized() == []


def test_the_size_check_finds_a_long_function_and_a_long_module(tmp_path, monkeypatch):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "zona").mkdir()
    (tmp_path / "zona" / "long.py").write_text(f"def long():\n{body}\n" + "\n" * MAX_MODULE_LINES)
    (tmp_path / "zona" / "tests").mkdir()
    (tmp_path / "zona" / "tests" / "test_long.py").write_text(f"def long():\n{body}\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(sys.modules[__name__], "ZONA", tmp_path / "zona")
    assert oversized() == [
        f"zona/long.py: {MAX_MODULE_LINES + MAX_FUNCTION_LINES + 1} lines",
        f"zona/long.py:1 long: {MAX_FUNCTION_LINES + 1} lines",
    ]


# -- one base for the rules' refusals (zona.lib.errors.RuleError) ---------------------------------

# Errors that are not a user's: the project's own data files, checked on load (a broken file is a
# developer's mistake, which stops with the reason). Everything else named …Error or …Refused is
# a refusal whose message is for the user, and derives from RuleError.
INTERNAL_ERRORS = {
    "WorkflowError": "the case kinds' workflow files (cases/workflow.py)",
    "DerivationDataError": "the LKE derivation rules' data file",
    "InstrumentError": "the LKE instrument's YAML library",
    "TypeDefinitionError": "the register types' data file",
    "FormulasError": "the performance agreement's formulas file",
    "MatrixError": "the risk matrices' data file (a unit's wrong choice is a RiskError)",
    "RulesError": "the survey rules' data file",
}
ERROR_NAME = re.compile(r"\w+(Error|Refused)$")


def error_classes(modules) -> dict[str, tuple[str, list[str]]]:
    """Name → (where, its base names) of every class named …Error or …Refused."""
    return {
        node.name: (
            f"{path.relative_to(ROOT)}:{node.lineno}",
            [ast.unparse(b).split(".")[-1] for b in node.bases],
        )
        for _app, path, tree in modules
        for node in _nodes(tree)
        if isinstance(node, ast.ClassDef) and ERROR_NAME.fullmatch(node.name)
    }


def not_rule_errors(classes: dict[str, tuple[str, list[str]]]) -> list[str]:
    """Each class that does not derive, through the classes here, from RuleError."""

    def is_rule(name: str, seen: frozenset = frozenset()) -> bool:
        if name == "RuleError":
            return True
        if name not in classes or name in seen:
            return False
        return any(is_rule(base, seen | {name}) for base in classes[name][1])

    return [
        f"{where} {name}"
        for name, (where, _bases) in sorted(classes.items())
        if name not in INTERNAL_ERRORS and name != "RuleError" and not is_rule(name)
    ]


def test_every_refusal_derives_from_rule_error():
    classes = error_classes(app_modules())
    assert not_rule_errors(classes) == []
    assert sorted(set(INTERNAL_ERRORS) - set(classes)) == []  # the allow-list names real classes


def test_the_error_check_finds_a_refusal_of_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = tmp_path / "zona" / "ops" / "services.py"
    code = "class OpsError(ValueError): ...\nclass SubError(OpsError): ...\nclass OkError(RuleError): ..."
    classes = error_classes([("ops", path, ast.parse(code))])
    assert not_rule_errors(classes) == ["zona/ops/services.py:1 OpsError", "zona/ops/services.py:2 SubError"]


PLANTED_LABELS = {
    "zona/ops/backup.py": 'SKIPPED = ["contenttypes", "auth.permission", "wbs"]',
    "config/settings.py": 'AUDITLOG_EXCLUDE_TRACKING_MODELS = ("sessions.session", "WBS")',
    "zona/ops/kinds.py": 'ContentType.objects.filter(content_type__app_label__in=["wbs", "complaints"])',
    "zona/ops/keys.py": 'ContentType.objects.get_by_natural_key("wbs", "report")',
    "zona/ops/lower.py": 'LEFT_OUT = {"sealed": "wbs.report"}',
    "zona/ops/compare.py": 'if model._meta.app_label == "wbs":\n    pass',
}


def test_the_label_check_finds_app_labels_written_as_strings(tmp_path, monkeypatch):
    """Each way of naming the WBS by its label from another app is a reference the file does not
    allow; the same word as a plain value (a kind, a dict key) is not a label."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = {}
    for name, code in {**PLANTED_LABELS, "zona/ops/plain.py": 'KIND = "wbs"\nSEEN = {"wbs": 1}'}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code + "\n")
        refs = python_refs(path, PROJECT if name.startswith("config/") else "ops")
        found[name] = sorted({r.name for r in refs if r.target == "wbs" and not allowed(r)})
    assert found == {**dict.fromkeys(PLANTED_LABELS, ["wbs.models"]), "zona/ops/plain.py": []}


def test_in_progress_names_existing_files():
    assert [name for name in sorted(IN_PROGRESS) if not (ROOT / name).exists()] == []


# -- the same anatomy in every app (docs/ARCHITECTURE.md, "The same anatomy in every app") ----------

# A name some app might give a role that has its own name everywhere (left: the wrong name).
MISNAMED = {
    "api_views": "api", "apis": "api", "endpoints": "api", "routers": "api", "views_api": "api",
    "service": "services", "selector": "selectors", "exporter": "exporters", "exports": "exporters",
    "export_kind": "export_kinds", "lke_rule": "lke_rules", "rules_lke": "lke_rules",
    "public_views": "views_public", "public_urls": "urls_public", "urls_publik": "urls_public",
}  # fmt: skip
ACCESS_WORDS = re.compile(r"(^|_)(visible|for_user)(_|$)|^(can|user_can|is_allowed|has_access)_")
ACCESS_NAMES = re.compile(r"^(visible_to|\w+_visible_to|get_\w+_for_(user|token)|may_\w+|can)$")


@cache
def app_modules() -> list[tuple[str, Path, ast.Module]]:
    """(app, path, tree) of every app module that is not a test or a migration."""
    found = []
    for path in sorted(ZONA.rglob("*.py")):
        if (app := owner(path)) not in (None, PROJECT):
            found.append((app, path, parsed(path)))
    return found


def _called(tree: ast.AST, name: str) -> bool:
    return any(
        isinstance(node, ast.Call)
        and name in (getattr(node.func, "id", None), getattr(node.func, "attr", None))
        for node in _nodes(tree)
    )


def _decorated_with(tree: ast.AST, name: str) -> bool:
    return any(
        isinstance(node, ast.FunctionDef)
        and any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == name for d in node.decorator_list)
        for node in _nodes(tree)
    )


def test_each_role_has_its_file_name():
    wrong = []
    for app, path, tree in app_modules():
        name, where = path.stem, path.relative_to(ROOT)
        if name in MISNAMED and not (app == "evidence" and name == "exports"):  # the exports engine
            wrong.append(f"{where}: call it {MISNAMED[name]}.py")
        if _called(tree, "Router") and name != "api":
            wrong.append(f"{where}: an app's API router lives in api.py")
        if name == "api" and app != "api" and _called(tree, "Router"):
            routers = [n for n in tree.body if isinstance(n, ast.Assign) and _called(n, "Router")]
            if [t.id for n in routers for t in n.targets] != ["router"]:
                wrong.append(f"{where}: the API registry mounts the module's `router`")
        if _decorated_with(tree, "rule") and not name.startswith("lke_"):
            wrong.append(f"{where}: LKE rules live in lke_rules.py (or lke_<subject>.py)")
        if app != "evidence" and _called(tree, "export_kind_register") and name != "export_kinds":
            wrong.append(f"{where}: heavy exports register in export_kinds.py")
    for namespace, (app, module) in namespaces().items():
        if namespace.endswith("_public") != (module == "urls_public"):
            wrong.append(
                f"zona/{app}/{module}.py: the public pages' namespace `<app>_public` is urls_public.py"
            )
    assert wrong == []


def test_access_helpers_are_named_alike():
    """`visible_to(user)` querysets, `get_<thing>_for_user` (or `_for_token`) lookups, `may_<verb>`
    yes-or-no rules: a helper named otherwise is renamed, not added beside them."""
    wrong = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
        for _app, path, tree in app_modules()
        for node in _nodes(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and ACCESS_WORDS.search(node.name.lstrip("_"))
        and not ACCESS_NAMES.match(node.name.lstrip("_"))
    ]
    assert wrong == []


# The rule itself, which every app's lookups build on: `unit_for(request, slug, action)`.
ACCESS_RULE_ITSELF = {("orgs", "permissions", "unit_for")}

# Public functions of selectors.py / permissions.py taking a `user` first that are neither
# `<things>_visible_to(user)` nor `may_<verb>(user, …)`, each with why its name says something else
# (no `<thing>_for(user)`, no `in_<place>(user)`: those are access helpers misnamed).
USER_FIRST_NAMED_OTHERWISE = {
    # the person's own things (what they made or hold), not what their role lets them see
    ("api", "selectors", "tokens_of"): "the person's own API tokens",
    ("evidence", "selectors", "exports_of"): "the person's own exports",
    ("gratification", "selectors", "own_reports"): "the reports the person made",
    ("integrity", "selectors", "roles_held"): "the roles the person holds",
    ("wbs", "selectors", "has_key"): "whether the person has a key of their own",
    ("wbs", "selectors", "reports_held"): "the reports sealed to the person's own key",
    ("evaluation", "selectors", "seat_of"): "the person's seat on a team",
    # work lists: what waits for the person's role, a narrower list than what they may see
    ("cases", "selectors", "cases_handled"): "the cases a handler's list holds",
    ("evaluation", "selectors", "requests_to_answer"): "the requests a PIC is to answer",
    ("evaluation", "selectors", "requests_late"): "the requests late in the units a TPI reviews",
    ("evidence", "selectors", "verification_queue"): "the evidence a verifier is to review",
    ("plans", "selectors", "my_steps"): "the person's open steps",
    ("start", "selectors", "todo"): "the start page's to-do list",
    # figures and pages over what the person may see (built on `visible_to`)
    ("cycle", "selectors", "stages_per_province"): "the cycle's figures per province",
    ("cycle", "selectors", "entries_of_year"): "the cycle's entries of a year",
    ("cycle", "selectors", "unit_to_open"): "a unit by code, or None, for the year's opening",
    ("evaluation", "selectors", "evaluates"): "whether the tiers at work are shown (a page's choice)",
    ("evidence", "selectors", "evidence_figures"): "the evidence figures of a page",
    ("start", "selectors", "standing"): "the start page's units with their progress",
    # the access rule itself
    ("orgs", "permissions", "can"): "the rule every `may_<verb>` asks",
    ("orgs", "permissions", "require"): "the rule's 404/403, which views call",
}
USER_FIRST_NAMES = re.compile(r"\w+_visible_to|may_\w+")
ACCESS_PRIMITIVES = {"unit_scope_q", "roles_for", "visible_to", "role_holders"}


def _first_parameter(node: ast.FunctionDef) -> str | None:
    """The first parameter's name; None for none, or for a `request` annotated as something else
    than the HTTP request (e.g. an evaluation's information request)."""
    found = [a for a in node.args.posonlyargs + node.args.args if a.arg not in ("self", "cls")]
    if not found:
        return None
    annotation = ast.unparse(found[0].annotation) if found[0].annotation else "HttpRequest"
    return found[0].arg if annotation.endswith("HttpRequest") or found[0].arg != "request" else None


def access_helper_problems(modules) -> list[str]:
    """One name and one signature for object access (docs/ARCHITECTURE.md, "Access helpers"):
    an object fetched and authorised is `get_<thing>_for_user(request, <its ids>, action)` in the
    app's selectors.py (`get_<thing>_for_token(request, …)` in its api.py); what a person may
    see is a queryset `<things>_visible_to(user)`; a yes-or-no rule is `may_<verb>(user, …)`.
    No `<thing>_for(user)`, and no view builds its own access queryset."""
    wrong = []
    for app, path, tree in modules:
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            name, first, where = node.name, _first_parameter(node), f"zona/{app}/{path.stem}.py:{node.lineno}"
            home = {"user": "selectors", "token": "api"}.get(name.rsplit("_", 1)[-1])
            lookup = re.fullmatch(r"get_\w+_for_(user|token)", name)
            if lookup and (path.stem != home or first != "request"):
                wrong.append(f"{where} {name}: takes `request` first, lives in {home}.py")
            elif not lookup and path.stem == "selectors" and first == "request" and not name.startswith("_"):
                wrong.append(f"{where} {name}: a lookup by request is get_<thing>_for_user(request, …)")
            if (
                name.endswith("_for")
                and first in ("user", "request")
                and (app, path.stem, name) not in ACCESS_RULE_ITSELF
            ):
                wrong.append(f"{where} {name}: <things>_visible_to(user) or get_<thing>_for_user(request, …)")
            if (
                path.stem in ("selectors", "permissions")
                and first == "user"
                and not name.startswith("_")
                and not lookup
                and not USER_FIRST_NAMES.fullmatch(name)
                and (app, path.stem, name) not in USER_FIRST_NAMED_OTHERWISE
            ):
                wrong.append(f"{where} {name}: <things>_visible_to(user) or may_<verb>(user, …)")
            if path.stem.startswith("views") and first == "user" and _calls_any(node, ACCESS_PRIMITIVES):
                wrong.append(f"{where} {name}: an access queryset belongs in selectors.py")
    return wrong


def _calls_any(tree: ast.AST, names: set[str]) -> bool:
    return any(
        isinstance(node, ast.Call)
        and {getattr(node.func, "id", None), getattr(node.func, "attr", None)} & names
        for node in _nodes(tree)
    )


def test_object_access_helpers_have_one_name_and_one_signature():
    assert access_helper_problems(app_modules()) == []


def test_the_access_convention_check_finds_each_way_of_breaking_it():
    modules = [
        ("x", Path("selectors.py"), "def reports_for(user): ...\ndef get_a_for_user(user, pk): ...\n"),
        (
            "x",
            Path("selectors.py"),
            "def report_of(request, pk): ...\ndef get_b_for_user(request, pk): ...\n",
        ),
        ("x", Path("views.py"), "def get_c_for_user(request, pk): ...\n"),
        (
            "x",
            Path("views_import.py"),
            "def _allowed(user):\n    return U.objects.filter(unit_scope_q(user))\n",
        ),
        ("x", Path("views.py"), "def _zone(request):\n    return may_enter(request.user)\n"),
        ("x", Path("services.py"), "def get_d_for_token(request, pk): ...\ndef rules_for(chosen): ...\n"),
        ("orgs", Path("permissions.py"), "def unit_for(request, slug, action): ...\n"),
        ("x", Path("selectors.py"), "def things_visible_to(user): ...\ndef may_see(user, obj): ...\n"),
        ("x", Path("selectors.py"), "def is_late(request: InformationRequest, today): ...\n"),
        ("x", Path("permissions.py"), "def in_zone(user): ...\ndef _inner(user): ...\n"),
        ("x", Path("selectors.py"), "def items_for(user): ...\ndef units_of(unit, user): ...\n"),
    ]
    found = access_helper_problems([(app, path, ast.parse(text)) for app, path, text in modules])
    assert [line.split(" ")[1].rstrip(":") for line in found] == [
        "reports_for", "reports_for", "get_a_for_user", "report_of", "get_c_for_user", "_allowed",
        "get_d_for_token", "in_zone", "items_for", "items_for",
    ]  # fmt: skip


# Apps whose views still query models directly, while they are moved to their selectors.py: the
# test tolerates them, and fails once one no longer queries, so the list only shrinks.
VIEWS_STILL_QUERYING: set[str] = set()


def querying_lines(tree: ast.AST) -> list[int]:
    """The lines of a module that query a model's manager (`Model.objects.…`)."""
    return sorted(
        {
            node.lineno
            for node in _nodes(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
        }
    )


RELATED_QUERIES = {"filter", "exclude", "order_by", "annotate", "aggregate", "count"}


def _chain_root(node: ast.AST) -> ast.AST:
    """What a chain of method calls starts from: `plan` for `plan.cycles.filter(…).first()`'s
    `plan.cycles`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return node


def related_querying_lines(tree: ast.AST) -> list[int]:
    """The lines of a module that filter, order or count through an object's related manager
    (`plan.cycles.filter(…)`, `item.versions.order_by(…)`, `survey.tickets.count()`), the
    request's own dictionaries aside."""
    found = set()
    for node in _nodes(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in RELATED_QUERIES or (node.func.attr == "count" and node.args):
            continue  # `items.count(x)` is a list's
        root = _chain_root(node)
        if isinstance(root, ast.Attribute) and root.attr != "objects" and not _of_request(root):
            found.add(node.lineno)
    return sorted(found)


def _of_request(node: ast.AST) -> bool:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return getattr(node, "id", None) == "request"


def in_views(lines_of) -> dict[str, list[str]]:
    """App → `path:line` of each line `lines_of(tree)` finds in the app's views*.py."""
    found = defaultdict(list)
    for app, path, tree in app_modules():
        if path.parent.name == app and path.stem.startswith("views"):
            found[app] += [f"{path.relative_to(ROOT)}:{line}" for line in lines_of(tree)]
    return {app: lines for app, lines in found.items() if lines}


def views_querying() -> dict[str, list[str]]:
    return in_views(lambda tree: sorted({*querying_lines(tree), *related_querying_lines(tree)}))


def test_views_read_through_their_selectors():
    """A page reads through its app's selectors.py (the fetch-and-authorise helpers and the
    querysets it needs), never `Model.objects` in a view, nor a related manager filtered,
    ordered or counted there (`plan.cycles.filter(…)`: a named selector says what it is)."""
    found = views_querying()
    assert [line for app in sorted(set(found) - VIEWS_STILL_QUERYING) for line in found[app]] == []


def test_views_still_querying_still_query_so_the_list_only_shrinks():
    assert sorted(VIEWS_STILL_QUERYING - set(views_querying())) == []


def test_the_query_check_finds_a_manager_call_and_nothing_else():
    source = "a = Plan.objects.filter(x=1)\nb = plan.objects_count\nc = objects.all()\nd = U.objects.get()\n"
    assert querying_lines(ast.parse(source)) == [1, 4]


def test_the_query_check_finds_a_related_manager_filtered_ordered_or_counted():
    source = (
        "a = plan.cycles.filter(status='open').first()\n"
        "b = item.versions.order_by('-number').first()\n"
        "c = survey.tickets.count()\n"
        "d = found[sop].document.versions.select_related('x').exclude(pk=1)\n"
        "e = meeting.findings.select_related('owner')\n"
        "f = request.POST.getlist('x').count('y')\n"
        "g = request.user.things.filter(x=1)\n"
        "h = self.words.count('a')\n"
        "i = selector(plan).filter(x=1)\n"
        "j = Plan.objects.filter(x=1)\n"
    )
    assert related_querying_lines(ast.parse(source)) == [1, 2, 3, 4]


# Apps whose views still write a refusal's message by hand, while they move to zona.lib.feedback:
# tolerated, and the test fails once one no longer does, so the list only shrinks.
FEEDBACK_STILL_BY_HAND: set[str] = set()


REFUSAL_PLACEHOLDER = re.compile(r"%\((errors?|problems)\)s")


def hand_written_refusals(tree: ast.AST) -> list[int]:
    """The lines calling `messages.error(request, …str(exc)…)`, `exc` caught by an `except`, or
    `messages.error(request, _("…%(errors)s") % …)` (a prefixed refusal: a template naming the
    errors or problems, or one formatted with a caught error or a form's `.errors`); the lines
    putting a caught error on a form, `form.add_error(None, …str(exc)…)`, or keeping its text for
    the page (`error = str(exc)`, `context["error"] = str(exc)`, `{"problems": [str(exc)]}`): a
    refusal's text put on the page by hand instead of through `attempt` / `submitted` and their
    `refused`, or `attempt_on_form`."""
    caught = {node.name for node in _nodes(tree) if isinstance(node, ast.ExceptHandler) and node.name}
    return sorted(
        {
            node.lineno
            for node in _nodes(tree)
            if _message_by_hand(node, caught) or _kept_by_hand(node, caught)
        }
    )


def _message_by_hand(node: ast.AST, caught: set[str]) -> bool:
    """`messages.error(request, …)` or `form.add_error(None, …)` with a caught error's text."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr == "error" and getattr(node.func.value, "id", None) == "messages":
        return any(
            _str_of_caught(inner, caught) or _prefixed_refusal(inner, caught)
            for argument in node.args[1:]
            for inner in ast.walk(argument)
        )
    return (
        node.func.attr == "add_error"
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value is None
        and any(_str_of_caught(inner, caught) for argument in node.args[1:] for inner in ast.walk(argument))
    )


def _kept_by_hand(node: ast.AST, caught: set[str]) -> bool:
    """A caught error's text assigned (to a name or a context key) or put in a dict for the page."""
    if isinstance(node, ast.Assign):
        values = [node.value]
    elif isinstance(node, ast.Dict):
        values = node.values
    else:
        return False
    return any(_str_of_caught(inner, caught) for value in values for inner in ast.walk(value))


def _str_of_caught(node: ast.AST, caught: set[str]) -> bool:
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "str"
        and any(getattr(a, "id", None) in caught for a in node.args)
    )


def _prefixed_refusal(node: ast.AST, caught: set[str]) -> bool:
    """`_("…%(errors)s") % …`, or a template formatted with a caught error or a form's errors."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)):
        return False
    template, text = node.left, ""
    if isinstance(template, ast.Call) and getattr(template.func, "id", None) in ("_", "gettext"):
        text = template.args[0].value if template.args and isinstance(template.args[0], ast.Constant) else ""
    return bool(REFUSAL_PLACEHOLDER.search(str(text))) or any(
        getattr(inner, "id", None) in caught or getattr(inner, "attr", None) == "errors"
        for inner in ast.walk(node.right)
    )


# Views that show a refusal in a place of its own on the page, with no form to put it on (and no
# messages: a fragment, or an anonymous page), each with why.
REFUSAL_SHOWN_IN_PLACE = {
    "zona/road/views_path.py:sandbox_answer_view": "an htmx fragment: a tried answer's error by its gates",
    "zona/surveys/views_public.py:answer": "the anonymous questionnaire's one error line, as its other ones",
}


def _lines_of_functions(names) -> set[str]:
    """`path:line` of every line of the listed `path:function`s."""
    return {
        f"{path.relative_to(ROOT)}:{line}"
        for _app, path, tree in app_modules()
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and f"{path.relative_to(ROOT)}:{node.name}" in names
        for line in range(node.lineno, node.end_lineno + 1)
    }


def views_writing_refusals(shown_in_place=REFUSAL_SHOWN_IN_PLACE) -> dict[str, list[str]]:
    placed = _lines_of_functions(shown_in_place)
    found = {
        app: [line for line in lines if line not in placed]
        for app, lines in in_views(hand_written_refusals).items()
    }
    return {app: lines for app, lines in found.items() if lines}


def test_views_showing_a_refusal_in_place_still_do_so_the_list_only_shrinks():
    everywhere = {line for lines in views_writing_refusals(shown_in_place={}).values() for line in lines}
    assert [name for name in REFUSAL_SHOWN_IN_PLACE if not everywhere & _lines_of_functions({name})] == []


def test_views_report_refusals_through_the_feedback_helper():
    found = views_writing_refusals()
    assert [line for app in sorted(set(found) - FEEDBACK_STILL_BY_HAND) for line in found[app]] == []


def test_views_still_writing_refusals_still_do_so_the_list_only_shrinks():
    assert sorted(FEEDBACK_STILL_BY_HAND - set(views_writing_refusals())) == []


def test_the_refusal_check_finds_str_of_an_error_in_a_message():
    source = (
        "try:\n    f()\nexcept E as exc:\n"
        "    messages.error(request, str(exc))\n"
        "    messages.error(request, str(exc) or _('x'))\n"
        "    messages.error(request, _('Choose a file.'))\n"
        "    messages.success(request, str(exc))\n"
        "    messages.error(request, ' '.join(str(e) for e in form.errors))\n"
    )
    assert hand_written_refusals(ast.parse(source)) == [4, 5]


def test_the_refusal_check_finds_a_prefixed_refusal_written_by_hand():
    source = (
        "try:\n    f()\nexcept E as exc:\n"
        "    messages.error(request, _('Not saved: %(errors)s') % {'errors': text})\n"
        "    messages.error(request, _('Not saved: %(why)s') % {'why': exc})\n"
        "    messages.error(request, _('Not saved: %(why)s') % {'why': form.errors.as_text()})\n"
        "    messages.error(request, gettext('Nothing imported: %(problems)s') % {'problems': p})\n"
        "    messages.error(request, _('Choose a plan for %(year)s.') % {'year': year})\n"
        "    messages.success(request, _('Saved: %(errors)s') % {'errors': exc})\n"
        "    messages.error(request, failed % {'errors': exc})\n"
    )
    assert hand_written_refusals(ast.parse(source)) == [4, 5, 6, 7, 10]


def test_the_refusal_check_finds_a_refusal_put_on_a_form_or_kept_for_the_page_by_hand():
    source = (
        "try:\n    f()\nexcept E as exc:\n"
        "    form.add_error(None, str(exc))\n"
        "    error = str(exc)\n"
        "    context['error'] = str(exc)\n"
        "    render(request, 't.html', {**context, 'problems': [str(exc)]})\n"
        "    form.add_error('title', str(exc))\n"
        "    logger.warning('refused: %s', str(exc))\n"
        "    form.add_error(None, _('Choose a file.'))\n"
        "    error = _('Too many replies.')\n"
    )
    assert hand_written_refusals(ast.parse(source)) == [4, 5, 6, 7]


NINJA_NAMESPACE = re.compile(r"""urls_namespace\s*=\s*['"]([\w-]+)['"]""")


def namespace_problems(zona: Path) -> list[str]:
    """Every URL module whose namespace breaks the rule: `urls.py` declares the app's label, a
    second URL module `urls_<subject>.py` declares `<app>_<subject>`; the JSON API that
    django-ninja mounts takes its app's label too."""
    wrong = []
    for path in sorted(zona.glob("*/urls*.py")):
        app, module = path.parent.name, path.stem
        expected = app if module == "urls" else f"{app}_{module.removeprefix('urls_')}"
        match = re.search(r"""^app_name\s*=\s*['"]([\w-]+)['"]""", path.read_text("utf-8"), re.M)
        if match is None or match.group(1) != expected:
            wrong.append(f"zona/{app}/{module}.py: app_name = {expected!r}")
    for path in sorted(zona.glob("*/api.py")):
        match = NINJA_NAMESPACE.search(path.read_text("utf-8"))
        if match and match.group(1) != path.parent.name:
            wrong.append(f"zona/{path.parent.name}/api.py: urls_namespace = {path.parent.name!r}")
    return wrong


def test_url_namespaces_follow_the_app_label():
    assert namespace_problems(ZONA) == []


def test_the_namespace_check_finds_a_namespace_of_its_own(tmp_path):
    for name, declared in [("urls", "x"), ("urls_exports", "exports"), ("urls_public", "x_public")]:
        (tmp_path / "x").mkdir(exist_ok=True)
        (tmp_path / "x" / f"{name}.py").write_text(f'app_name = "{declared}"\n')
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "urls.py").write_text("urlpatterns = []\n")
    (tmp_path / "y" / "api.py").write_text('api = NinjaAPI(urls_namespace="api-1")\n')
    assert namespace_problems(tmp_path) == [
        "zona/x/urls_exports.py: app_name = 'x_exports'",
        "zona/y/urls.py: app_name = 'y'",
        "zona/y/api.py: urls_namespace = 'y'",
    ]


# -- URLs mounted the same way, the public pages apart ---------------------------------------------

# URL modules mounted at the site's root, because their paths begin with different words that
# printed links, QR codes and bookmarks carry. Nothing else is mounted at the root, and the list
# only shrinks.
MOUNTED_AT_ROOT = {
    "plans": "the site's home `/` with `tugas-saya/`, `impor/`, `rencana/`, `indikator/`, `langkah/`",
    "surveys": "a unit's services `layanan/<slug>/…` and one survey's pages `survei-kelola/<pk>/…`",
    "surveys_public": "the questionnaire `survei/<token>/` (its QR code) and the results `publik/<slug>/…`",
}
# Pages without sign-in that are not an app's views_public.py: a namespace (all its pages) or
# `namespace:name`.
PUBLIC_ELSEWHERE = {
    "accounts:login": "signing in",
    "accounts:logout": "signing out",
    "plans:home": "the site's home, which sends a visitor to the portal",
    "portal": "the public portal is the whole app (its settings page is behind sign-in)",
}


@dataclass(frozen=True)
class Mount:
    prefix: str  # the path config/urls.py mounts the module at
    module: str  # zona.<app>.urls…
    namespace: str
    routes: tuple[str, ...]  # the module's own paths


def mounts(resolver=None) -> list[Mount]:
    """Every app URL module as config/urls.py mounts it."""
    from django.urls import URLResolver, get_resolver

    return [
        Mount(
            str(e.pattern),
            e.urlconf_name.__name__,
            e.namespace,
            tuple(str(p.pattern) for p in e.url_patterns),
        )
        for e in (resolver or get_resolver()).url_patterns
        if isinstance(e, URLResolver) and getattr(e.urlconf_name, "__name__", "").startswith("zona.")
    ]


def mounting_problems(found: list[Mount]) -> list[str]:
    """A module mounted at the root that is not in MOUNTED_AT_ROOT, and a module whose paths all
    begin with the same word: that prefix is written in config/urls.py, not in the module."""
    wrong = []
    for mount in found:
        first = {route.split("/")[0] for route in mount.routes}
        if not mount.prefix and mount.namespace not in MOUNTED_AT_ROOT:
            wrong.append(f"{mount.module}: mounted at the root; mount it at its prefix in config/urls.py")
        if len(mount.routes) > 1 and len(first) == 1 and (word := first.pop()) and "<" not in word:
            wrong.append(
                f"{mount.module}: every path begins with `{word}/`: mount it at `{mount.prefix}{word}/`"
            )
    return wrong


def test_apps_are_mounted_at_their_prefix_in_the_project_urls():
    assert mounting_problems(mounts()) == []


def test_the_apps_mounted_at_the_root_still_are_so_the_list_only_shrinks():
    at_root = {m.namespace for m in mounts() if not m.prefix}
    assert sorted(set(MOUNTED_AT_ROOT) - at_root) == []


def test_the_mounting_check_finds_a_prefix_left_in_the_module():
    assert mounting_problems(
        [
            Mount("", "zona.x.urls", "x", ("tip/", "tip/<int:pk>/")),
            Mount("tip/", "zona.y.urls", "y", ("", "<int:pk>/")),
            Mount(
                "publik/", "zona.y.urls_public", "y_public", ("<slug:slug>/tip/", "<slug:slug>/tip/lacak/")
            ),
            Mount("", "zona.plans.urls", "plans", ("", "impor/")),
            Mount("kasus/", "zona.z.urls", "z", ("lampiran/<int:pk>/",)),
        ]
    ) == [
        "zona.x.urls: mounted at the root; mount it at its prefix in config/urls.py",
        "zona.x.urls: every path begins with `tip/`: mount it at `tip/`",
    ]


def signs_in(view) -> bool:
    """Whether the view is behind `login_required` (Django's `user_passes_test` wrapper)."""
    while view is not None:
        if "user_passes_test" in getattr(getattr(view, "__code__", None), "co_qualname", ""):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def pages(resolver=None, namespace: str = "", prefix: str = ""):
    """(route, namespace, URL name, view) of every page of the apps' URL modules."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver) and getattr(entry.urlconf_name, "__name__", "").startswith("zona."):
            yield from pages(entry, entry.namespace or namespace, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and namespace:
            yield prefix + str(entry.pattern), namespace, entry.name, entry.callback


def public_page_problems(found) -> list[str]:
    """A page without sign-in outside an app's views_public.py and a `<app>_public` namespace
    (PUBLIC_ELSEWHERE aside), and a page behind sign-in among the public ones."""
    wrong = []
    for route, namespace, name, view in found:
        apart = view.__module__.endswith(".views_public") and namespace.endswith("_public")
        where = f"/{route} ({view.__module__}.{view.__name__})"
        if signs_in(view) and (namespace.endswith("_public") or view.__module__.endswith(".views_public")):
            wrong.append(f"{where}: behind sign-in, yet among the public pages")
        elif (
            not signs_in(view)
            and not apart
            and not {namespace, f"{namespace}:{name}"} & set(PUBLIC_ELSEWHERE)
        ):
            wrong.append(f"{where}: a public page lives in views_public.py, mounted from urls_public.py")
    return wrong


def test_public_pages_live_in_views_public_under_the_public_namespace():
    assert public_page_problems(pages()) == []


def test_the_public_page_check_finds_a_public_view_among_the_staffs():
    from django.contrib.auth.decorators import login_required

    def view(request):
        return None

    def planted(module: str, guarded: bool = False):
        function = type(view)(view.__code__, {}, "form")
        function.__module__ = module
        return login_required(function) if guarded else function

    assert public_page_problems(
        [
            ("publik/<slug:slug>/tip/", "tips", "public_form", planted("zona.tips.views")),
            ("publik/<slug:slug>/tip/", "tips_public", "form", planted("zona.tips.views_public")),
            ("tip/<int:pk>/", "tips_public", "detail", planted("zona.tips.views_public", guarded=True)),
            ("tip/<int:pk>/", "tips", "detail", planted("zona.tips.views", guarded=True)),
            ("publik/", "portal", "list", planted("zona.portal.views")),
        ]
    ) == [
        "/publik/<slug:slug>/tip/ (zona.tips.views.form): a public page lives in views_public.py, "
        "mounted from urls_public.py",
        "/tip/<int:pk>/ (zona.tips.views_public.form): behind sign-in, yet among the public pages",
    ]


# -- files are built in exporters.py ---------------------------------------------------------------

# What builds a file: the shared builders of zona.lib.xlsx and zona.lib.render, openpyxl's
# `Workbook`, a CSV writer, and the libraries under them. Only an app's exporters.py (and
# zona/lib, which holds the builders) uses them.
FILE_BUILDERS = {
    "xlsx_bytes",
    "xlsx_large_bytes",
    "workbook",
    "pdf_from_template",
    "pdf_from_html",
    "Workbook",
}
CSV_WRITERS = {"writer", "DictWriter"}
FILE_LIBRARIES = {"weasyprint", "xlsxwriter", "reportlab"}
# Modules that build a file outside exporters.py, and why; the test fails once one no longer
# does, so the list only shrinks.
FILES_BUILT_ELSEWHERE = {
    "zona/plans/importers/template.py": "the plan importer's blank template, beside the reader of it",
}


def file_building_lines(tree: ast.AST) -> list[str]:
    """`line name` of each call of a file builder and each import of a file library."""
    found = []
    for node in _nodes(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            is_csv = isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "csv"
            if name in FILE_BUILDERS or (is_csv and name in CSV_WRITERS):
                found.append(f"{node.lineno} {name}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{node.lineno} {m}" for m in modules if m.split(".")[0] in FILE_LIBRARIES]
    return sorted(found, key=lambda line: int(line.split()[0]))


def files_built_outside_exporters() -> dict[str, list[str]]:
    """Module → the lines that build a file, for every module but exporters.py and zona/lib."""
    found = {}
    for app, path, tree in app_modules():
        if app != "lib" and path.stem != "exporters" and (lines := file_building_lines(tree)):
            found[path.relative_to(ROOT).as_posix()] = lines
    return found


def test_files_are_built_in_exporters():
    found = files_built_outside_exporters()
    assert {name: lines for name, lines in found.items() if name not in FILES_BUILT_ELSEWHERE} == {}


def test_modules_building_files_elsewhere_still_do_so_the_list_only_shrinks():
    assert sorted(set(FILES_BUILT_ELSEWHERE) - set(files_built_outside_exporters())) == []


def test_the_file_check_finds_each_way_of_building_a_file():
    source = (
        "import csv\nimport weasyprint\nfrom xlsxwriter import Workbook\n"
        "def f(rows):\n"
        "    from zona.lib.render import pdf_from_template\n"
        "    csv.writer(out)\n"
        "    csv.reader(rows)\n"
        "    book = xlsx_bytes(build)\n"
        "    pdf_from_template('x.html', {})\n"
        "    openpyxl.Workbook()\n"
        "    load_workbook(data)\n"
    )
    assert file_building_lines(ast.parse(source)) == [
        "2 weasyprint",
        "3 xlsxwriter",
        "6 writer",
        "8 xlsx_bytes",
        "9 pdf_from_template",
        "10 Workbook",
    ]


if __name__ == "__main__":
    if "--table" in sys.argv:
        print(table())
    else:
        grouped = defaultdict(lambda: defaultdict(set))
        for ref in references():
            grouped[ref.app][ref.target].add(ref.module)
        for app in sorted(grouped):
            print(f"{app}:")
            for target, modules in sorted(grouped[app].items()):
                print(f"  {target}: [{', '.join(sorted(modules))}]")
