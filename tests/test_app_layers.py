"""The domain does not depend on the reader site: `articles` imports nothing from `reader`, and
`sources` (the evidence library) imports neither."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("app", "forbidden"), [("articles", {"reader"}), ("sources", {"articles", "reader"})]
)
def test_an_app_does_not_import_the_layers_above_it(app, forbidden):
    assert not imported_apps(app) & forbidden
