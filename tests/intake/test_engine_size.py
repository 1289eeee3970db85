"""The suggestion engine stays a package of small parts: no function above cyclomatic complexity 15
(as radon counts it) and no module above 500 lines. The rest of `intake` keeps to the same
complexity. `make lint` runs these checks."""

from pathlib import Path

from radon.complexity import cc_visit

INTAKE = Path(__file__).resolve().parents[2] / "intake"
ENGINE = INTAKE / "engine"
MAX_COMPLEXITY = 15
MAX_LINES = 500


def blocks(path: Path):
    """Every function of a module: methods inside their class and functions inside a function, which
    radon lists under their parent, included."""
    yield from _with_inner(cc_visit(path.read_text(encoding="utf-8")))


def _with_inner(found):
    for block in found:
        yield block
        yield from _with_inner([*getattr(block, "methods", ()), *getattr(block, "closures", ())])


def too_complex(directory: Path = INTAKE, limit: int = MAX_COMPLEXITY) -> list[str]:
    return [
        f"{path.relative_to(directory)}:{block.lineno} {block.name} {block.complexity}"
        for path in sorted(directory.rglob("*.py"))
        for block in blocks(path)
        if block.complexity > limit
    ]


def too_long(directory: Path = ENGINE, limit: int = MAX_LINES) -> list[str]:
    return [
        f"{path.relative_to(directory)} {count}"
        for path in sorted(directory.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > limit
    ]


def test_no_intake_function_is_above_the_complexity_limit():
    assert too_complex() == []


def test_no_engine_module_is_above_the_length_limit():
    assert too_long() == []


def test_the_checks_find_a_complex_function_and_a_long_module(tmp_path):
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(MAX_COMPLEXITY))
    (tmp_path / "big.py").write_text("def f(x):\n" + branches + "    return -1\n" + "\n" * MAX_LINES)
    assert too_complex(tmp_path) == [f"big.py:1 f {MAX_COMPLEXITY + 1}"]
    lines = 1 + 2 * MAX_COMPLEXITY + 1 + MAX_LINES
    assert too_long(tmp_path) == [f"big.py {lines}"]


def test_the_checks_look_inside_functions_and_sub_packages(tmp_path):
    branches = "".join(f"        if x == {n}:\n            return {n}\n" for n in range(MAX_COMPLEXITY))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.py").write_text(
        "def outer():\n    def f(x):\n" + branches + "\n" * MAX_LINES
    )
    assert too_complex(tmp_path) == [f"sub/inner.py:2 f {MAX_COMPLEXITY + 1}"]
    assert too_long(tmp_path) == [f"sub/inner.py {2 + 2 * MAX_COMPLEXITY + MAX_LINES}"]
