"""The shape of the library (issue 15): modules by capability, each small, with an explicit public API, no
import cycles, one place that starts worker processes, no private-API or garbage-collector tricks."""

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
#: "Small enough to read in one sitting".
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "arnews").rglob("*.py")):
        name = ".".join(path.with_suffix("").relative_to(SRC).parts)
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


@pytest.mark.parametrize("name", [m for m in MODULES if not m.endswith("__main__")])
def test_every_module_declares_its_public_api(name):
    module = importlib.import_module(name)
    assert isinstance(getattr(module, "__all__", None), list | tuple), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"


def test_no_module_is_longer_than_a_sitting():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def _imports(path: Path) -> set[str]:
    """The arnews modules a module imports when it is imported (module level, not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        for inner in ast.walk(node) if isinstance(node, ast.If | ast.Try) else [node]:
            if isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.module and inner.level == 0:
                for alias in inner.names:  # a submodule, or else a name the module defines
                    submodule = f"{inner.module}.{alias.name}"
                    found.add(submodule if submodule in MODULES else inner.module)
    resolved = set()
    for name in found:
        parts = name.split(".")
        while parts and ".".join(parts) not in MODULES:
            parts.pop()
        if parts:
            resolved.add(".".join(parts))
    return resolved


def test_no_import_cycle():
    graph = {name: _imports(path) - {name} for name, path in MODULES.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                raise AssertionError(" → ".join([*path[path.index(other):], other]))
            if other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def _source_without_docstrings(path: Path) -> str:
    return "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("#"))


def test_workers_are_started_in_one_place_and_no_private_tricks_remain():
    for name, path in MODULES.items():
        text = _source_without_docstrings(path)
        if name != "arnews.runner":
            assert "ProcessPoolExecutor" not in text and "multiprocessing.Pool" not in text and \
                "get_context(" not in text, f"{name} starts worker processes itself (use arnews.runner)"
        for trick in ("re._parser", "sre_parse", "gc.disable", "gc.freeze", "._fp", "zipfile.ZipFile.fp"):
            assert trick not in text, f"{name} uses {trick}"
