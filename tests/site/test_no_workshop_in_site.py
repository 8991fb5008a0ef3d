"""`site/` is only the web application: the workshop (bench, load generator, soak, audit) lives under
tests/perf/, tests/soak/ and tests/audit/, and nothing in `site/` reaches into `tests/`, by import or
by a dotted path in a string (a setting such as ROOT_URLCONF)."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

SITE = Path(settings.BASE_DIR) / "site"
WORKSHOP_NAME = re.compile(r"bench|soak|loadgen|audit", re.IGNORECASE)
TESTS_PATH = re.compile(r"^tests(\.|$)")


def python_files() -> list[Path]:
    return sorted(path for path in SITE.rglob("*.py") if "__pycache__" not in path.parts)


def references_to_tests(path: Path) -> list[str]:
    """Each import of a `tests` module in `path`, and each string that names one, as "line: name"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]
        else:
            continue
        found += [f"{node.lineno}: {name}" for name in names if TESTS_PATH.match(name)]
    return found


def test_site_reads_python_files():
    # The walk below must see the web app's modules, or it would pass on nothing.
    assert SITE / "urls.py" in python_files() and SITE / "settings" / "base.py" in python_files()


def test_no_module_under_site_imports_the_tests():
    found = [f"{path.relative_to(SITE.parent)}:{line}" for path in python_files() for line in references_to_tests(path)]
    assert found == []


def test_the_walk_finds_an_import_of_the_tests(tmp_path):
    module = tmp_path / "module.py"
    module.write_text('import tests.servers\nfrom tests.perf import bench\nROOT_URLCONF = "tests.perf.urls"\n'
                      'import testserver_tools\nLABEL = "tests of the site"\n', encoding="utf-8")
    assert references_to_tests(module) == ["1: tests.servers", "2: tests.perf", "3: tests.perf.urls"]


def test_no_workshop_files_under_site():
    workshop = [str(path.relative_to(SITE.parent)) for path in SITE.rglob("*")
                if "__pycache__" not in path.parts
                and (WORKSHOP_NAME.search(path.name) or path.name in {"package.json", "node_modules"})]
    assert workshop == []


def test_the_workshop_is_no_command_of_the_web_app():
    commands = get_commands()
    assert {"bench", "soak", "audit_site"} & set(commands) == set()
    assert commands["load_demo_content"] == commands["compile_translations"] == "website"
