"""The import rule of docs/ARCHITECTURE.md: an app imports only from the apps before it in this
order (tests and migrations aside). A change that breaks it fails here."""

import ast
from pathlib import Path

ZONA = Path(__file__).resolve().parents[1]
ORDER = [
    "lib",
    "accounts",
    "orgs",
    "audit",
    "twofactor",
    "notifications",
    "workdays",
    "evidence",
    "plans",
    "lke",
    "monev",
    "cases",
    "complaints",
    "ppid",
    "integrity",
    "wbs",
    "gratification",
    "coi",
    "surveys",
    "risks",
    "registers",
    "sops",
    "performance",
    "start",
    "portal",
    "api",
    "ops",
    "demo",
]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "zona" and len(parts) > 1:
                found.add(parts[1])
    return found


def app_modules(app: str):
    for path in (ZONA / app).rglob("*.py"):
        relative = path.relative_to(ZONA / app).parts
        if "tests" in relative or "migrations" in relative:
            continue
        yield path


def test_every_app_is_placed_in_the_order():
    apps = {
        p.name for p in ZONA.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "tests"
    }
    assert apps == set(ORDER), f"place these apps in ORDER and docs/ARCHITECTURE.md: {apps ^ set(ORDER)}"


def test_apps_import_only_from_apps_before_them():
    broken = []
    for position, app in enumerate(ORDER):
        allowed = set(ORDER[: position + 1])
        for path in app_modules(app):
            for imported in imports_of(path) - allowed:
                broken.append(f"{path.relative_to(ZONA.parent)} imports zona.{imported}")
    assert broken == []


def test_the_architecture_page_lists_the_apps_in_this_order():
    page = (ZONA.parent / "docs" / "ARCHITECTURE.md").read_text("utf-8")
    positions = [page.index(f"zona/{app} ") for app in ORDER]
    assert positions == sorted(positions)
