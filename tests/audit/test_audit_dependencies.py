"""`make audit-deps` passes only when every pinned package was checked: an unreachable advisory
database, or packages the service could not answer for, end in a clear "did not run" (exit 2)."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = settings.BASE_DIR / "tests" / "audit" / "audit_dependencies.py"
PIP_AUDIT = settings.BASE_DIR / "var" / "tools" / "pip-audit" / "bin" / "pip-audit"


def run_audit(pip_audit: Path, *options: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, SCRIPT, pip_audit, settings.BASE_DIR / "constraints.txt", *options],
                          capture_output=True, text=True, env=env)


def fake_pip_audit(tmp_path, report: dict) -> Path:
    """A stand-in that writes `report` where pip-audit would write its JSON."""
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!{sys.executable}\nimport sys\n"
                    f"open(sys.argv[sys.argv.index('--output') + 1], 'w').write({json.dumps(report)!r})\n")
    fake.chmod(0o755)
    return fake


CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "wagtail", "skip_reason": "Dependency not found on PyPI and could not be audited: wagtail (8.0)"}
VULNERABLE = {"name": "django", "version": "5.2.1", "vulns": [
    {"id": "PYSEC-2025-1", "aliases": ["CVE-2025-0001"], "fix_versions": ["5.2.2"], "description": "..."}]}


@pytest.mark.parametrize(("dependencies", "status", "says"), [
    ([CLEAN], 0, "Checked all 1 pinned packages: no known vulnerabilities"),
    ([CLEAN, SKIPPED], 2, "INCOMPLETE: 1 of 2 pinned packages could not be checked"),
    ([], 2, "INCOMPLETE"),
    ([VULNERABLE, CLEAN], 1, "VULNERABLE django 5.2.1: PYSEC-2025-1 (CVE-2025-0001); fixed in: 5.2.2"),
])
def test_the_report_is_read_for_what_was_checked(tmp_path, dependencies, status, says):
    done = run_audit(fake_pip_audit(tmp_path, {"dependencies": dependencies, "fixes": []}))
    assert done.returncode == status
    assert says in done.stdout + done.stderr


@pytest.mark.skipif(not PIP_AUDIT.exists(), reason="pip-audit is not installed (make test installs it)")
def test_an_unreachable_advisory_database_is_not_a_pass(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{closed.getsockname()[1]}"  # nothing listens there
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HTTPS_PROXY": proxy, "HTTP_PROXY": proxy}
    done = run_audit(PIP_AUDIT, "--cache-dir", str(tmp_path / "cache"), env=env)
    assert done.returncode == 2
    assert "THE DEPENDENCY AUDIT DID NOT RUN" in done.stderr and "This is not a pass" in done.stderr
