"""What tests/test_architecture.py checks, as functions a developer can also run by hand:

    python -m tests.architecture   # prints every import cycle and every Czech string literal

Import cycles count every import, also those inside functions (an import moved into a function
hides a cycle, it does not remove it). A Czech word is a word with a Czech letter (á, č, ř, ...)
or a word of the domain vocabulary in configs/*.toml; docstrings are not literals.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"
CZECH_LETTERS = re.compile(r"[áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]")
WORD = re.compile(r"[^\W\d_]{2,}(?:\.(?!\w))?")  # "doc." the title, not "doc.spans"
# Words that read as English or as code: an English stop word, or a part of a name in the code
# (`agenda_items`, `meta`); a config word that is one of these is not counted as Czech.


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The pipeline modules `path` imports anywhere in its code (a `from a import b` counts as
    importing a.b when b is a module, else a)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in known:
                    out.add(full)
                elif base in known:
                    out.add(base)
    out.discard(name)
    return out


def import_cycles() -> list[list[str]]:
    """Every strongly connected group of more than one module in the import graph of pipeline/."""
    found = modules()
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def _config_words() -> set[str]:
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str) and not value.startswith("@"):  # "@file.section.key" names a word class
            words.update(w.lower() for w in WORD.findall(value))
            words.update(w.lower().rstrip(".") for w in WORD.findall(value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((ROOT / "configs").glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    english = _english_words()
    return {w for w in words if w.rstrip(".") not in english}  # "doc." is the code's `doc` too ("doc.spans")


def _english_words() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.lower() for w in STOP_WORDS}
    for path in modules().values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = (node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute)
                    else node.arg if isinstance(node, ast.arg) else getattr(node, "name", None))
            if isinstance(name, str):
                words.update(part.lower() for part in name.split("_") if part)
    return words


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


# Where domain words must not stand in code: the extract stage and the scorer. (The table
# schemas' descriptions and examples are documentation, the readers' messages English.)
DOMAIN_CODE = ("pipeline.extract", "pipeline.evaluate")
# Names that read as Czech to the check but are not: the project's name, roman-numeral classes,
# the unit code `fte`.
NOT_CZECH = {"kpss", "ivx", "fte"}


def czech_literals(prefix: str = "") -> list[tuple[str, int, str]]:
    """(module, line, literal) for every string literal of the domain code (below `prefix`, a
    module name) that holds a Czech word."""
    vocabulary = _config_words() - NOT_CZECH
    out = []
    for name, path in modules().items():
        if not name.startswith(DOMAIN_CODE) or not name.startswith(prefix):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                text = node.value
                if CZECH_LETTERS.search(text) or any(
                        w.lower() in vocabulary or w.lower().rstrip(".") in vocabulary for w in WORD.findall(text)):
                    out.append((name, node.lineno, text))
    return out


if __name__ == "__main__":
    for group in import_cycles():
        print("cycle:", " -> ".join(group))
    for name, line, text in czech_literals():
        print(f"czech: {name}:{line}: {text[:70]!r}")
