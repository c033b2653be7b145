"""The components of a service standard, from `data/standard_components.yaml`."""

from __future__ import annotations

from pathlib import Path

from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "standard_components.yaml"
COMPONENTS: dict[str, str] = {c["key"]: c["label"] for c in load_yaml(DATA)["components"]}
