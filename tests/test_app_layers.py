"""The domain does not depend on the reader site: `articles` imports nothing from `reader` or `intake`
(articles arriving: importing and suggestions, which extend the article admin from their side), and
`sources` (the evidence library) imports none of them. No two apps import each other, however
indirectly."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# The project's apps; `newsroom`, the project package that puts them together, is not one of them.
APPS = ("articles", "sources", "reader", "desk", "pages", "intake")


def imported_apps(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:  # a migration names the apps its state depends on
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("app", "forbidden"),
    [
        ("articles", {"reader", "intake"}),
        ("sources", {"articles", "reader", "intake"}),
        ("reader", {"intake"}),
        ("desk", {"reader", "intake"}),
    ],
)
def test_an_app_does_not_import_the_layers_above_it(app, forbidden):
    assert not imported_apps(app) & forbidden


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle found by a depth-first walk of `graph` (app: apps it imports)."""
    found, done = [], set()

    def walk(app, path):
        if app in path:
            found.append([*path[path.index(app) :], app])
            return
        if app in done:
            return
        for imported in sorted(graph.get(app, ())):
            walk(imported, [*path, app])
        done.add(app)

    for app in graph:
        walk(app, [])
    return found


def test_no_app_imports_another_that_imports_it_back():
    graph = {app: imported_apps(app) & set(APPS) - {app} for app in APPS}
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_through_three_apps():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_the_domain_does_not_reverse_the_desks_urls():
    # The admin (articles/admin*.py) is staff interface and links to the desk; the rules do not.
    naming = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "articles").rglob("*.py")
        if not path.name.startswith("admin") and '"desk:' in path.read_text()
    ]
    assert naming == []


def test_the_suggestion_engine_imports_only_the_standard_library():
    # intake/engine runs without Django or a database: evaluate_extraction and the bench rely on it.
    engine = ROOT / "intake" / "engine"
    imported = set()
    for path in engine.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
    assert imported <= set(sys.stdlib_module_names)
