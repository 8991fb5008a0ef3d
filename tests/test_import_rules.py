"""The rules of the house (see /README.md "Layout" and each app's README): who may import whom.

Read from the source with `ast`, lazy imports inside functions included, so a new circle or a
forbidden import fails here before anyone has to find it in a traceback:
- no import circle inside `pages/`, `referral_form/` or `site/` (nor across them);
- `pages/` never imports `referral_form/` (public pages cannot reach referral data);
- `site/` — the web application — never imports the workshop in `tests/`;
- nothing but `referral_form/crypto.py` imports a cipher library.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Folder on disk -> import name (site/ is installed as `website`: the standard library owns `site`).
APPS = {"pages": "pages", "referral_form": "referral_form", "site": "website"}
CIPHER_LIBRARIES = ("cryptography", "nacl", "argon2")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    parts[0] = APPS[parts[0]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, module: str) -> set[str]:
    """Every module name `path` imports, with `from x import y` counted as both `x` and `x.y`."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def source_files():
    for folder in APPS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts or "node_modules" in path.parts:
                continue
            yield path


def import_graph() -> dict[str, set[str]]:
    """Our modules and which of our modules each imports."""
    imports = {module_name(path): imported_names(path, module_name(path)) for path in source_files()}
    return {module: {name for name in names if name in imports and name != module} for module, names in imports.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_our_modules_and_their_lazy_imports():
    graph = import_graph()
    assert {"pages.models.news", "referral_form.crypto", "website.urls"} <= set(graph)
    # pages/apps.py imports pages.cache inside ready(): lazy imports count.
    assert "pages.cache" in graph["pages.apps"]


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles():
    assert circles(import_graph()) == []


@pytest.mark.parametrize(
    ("importer", "forbidden"),
    [("pages", "referral_form"), ("pages", "tests"), ("referral_form", "tests"), ("website", "tests")],
)
def test_forbidden_imports(importer, forbidden):
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in source_files()
        if module_name(path).split(".")[0] == importer
        for name in imported_names(path, module_name(path))
        if name.split(".")[0] == forbidden
    ]
    assert offenders == []


def test_only_the_crypto_module_imports_a_cipher_library():
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in source_files()
        if path.relative_to(ROOT) != Path("referral_form/crypto.py")
        for name in imported_names(path, module_name(path))
        if name.split(".")[0] in CIPHER_LIBRARIES
    ]
    assert offenders == []
