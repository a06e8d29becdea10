"""No import cycle among our modules, counting imports inside functions too, and the core never
imports the bot. Read from the source with `ast`, so an import hidden in a function counts."""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "kam_domain")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Our modules one module imports, anywhere in it; `from x import y` is x.y when y is a module."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[:len(package) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    out = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        # a module importing its own package (`bot.handlers.core` -> `bot.handlers`) is not a design cycle
        if target and target != name and not name.startswith(target + "."):
            out.add(target)
    return out


@cache  # the tree does not change during a run; parsing it once serves every test
def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: _imported(name, path, known) for name, path in known.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path (first module repeated at the end), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_the_walk_sees_our_modules_and_imports_inside_functions():
    graph = _graph()
    assert {"bot.wiring", "bot.dispatch", "bot.handlers.core", "kam_domain.language.router"} <= set(graph)
    assert "bot.slack_client" in graph["bot.bootstrap"]  # imported inside a method only
    assert "bot.handlers.core" in graph["bot.wiring"]  # `from bot.handlers import core`: the module


def test_no_import_cycle_counting_function_level_imports():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_core_never_imports_the_bot():
    graph = _graph()
    leaks = sorted(f"{module} -> {target}" for module, targets in graph.items() if module.startswith("kam_domain")
                   for target in targets if target == "bot" or target.startswith("bot."))
    assert leaks == []


def test_the_language_layer_runs_commands_through_the_dispatcher_not_the_handlers():
    graph = _graph()
    leaks = sorted(f"{module} -> {target}" for module, targets in graph.items() if module.startswith("bot.language")
                   for target in targets if target == "bot.handlers" or target.startswith("bot.handlers."))
    assert leaks == []
    assert "bot.dispatch" in graph["bot.language.respond"]


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
