"""`make audit-deps`: check every pinned dependency (constraints.txt) against an advisory database.

pip-audit alone can pass without having checked anything: a package its service does not answer
for is "skipped" with a warning and the run still says "No known vulnerabilities found" (exit 0),
and a network failure ends in a traceback with the same exit code as a finding. This wrapper reads
pip-audit's JSON report and says which of three things happened:

  exit 0  every pinned package was checked; no known vulnerability
  exit 1  known vulnerabilities (listed, with the versions that fix them)
  exit 2  the audit did not run, or did not check every package: NOT a pass

Usage: python tests/audit/audit_dependencies.py PIP_AUDIT REQUIREMENTS [pip-audit options...]
Standard library only, so that any Python can run it.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

PASSED, VULNERABLE, DID_NOT_RUN = 0, 1, 2


def interpret(report: dict) -> tuple[int, list[str]]:
    """The exit status and the lines to print for a pip-audit JSON report."""
    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            aliases = ", ".join(vuln.get("aliases") or [])
            lines.append(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']}"
                         f"{f' ({aliases})' if aliases else ''}; fixed in: {fixes}")
    if skipped:
        lines.append(f"INCOMPLETE: {len(skipped)} of {len(dependencies)} pinned packages could not be checked, "
                     "so this is not a pass. First reasons:")
        lines += [f"  {dep['skip_reason']}" for dep in skipped[:5]]
        return DID_NOT_RUN, lines
    if vulnerable:
        return VULNERABLE, lines
    if not dependencies:
        return DID_NOT_RUN, ["INCOMPLETE: the report lists no packages at all, so this is not a pass."]
    return PASSED, [f"Checked all {len(dependencies)} pinned packages: no known vulnerabilities."]


def audit(pip_audit: str, requirements: str, options: list[str]) -> int:
    with tempfile.TemporaryDirectory() as work:
        output = Path(work) / "report.json"
        # Fully pinned, so no resolution (and no pip) is needed: the versions are exactly those listed.
        done = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
            [pip_audit, "--requirement", requirements, "--no-deps", "--disable-pip", "--progress-spinner", "off",
             "--format", "json", "--output", str(output), *options],
            capture_output=True, text=True,
        )
        report = json.loads(output.read_text()) if output.is_file() else None
    if report is None:
        last_lines = "\n".join(done.stderr.strip().splitlines()[-3:])
        print("THE DEPENDENCY AUDIT DID NOT RUN: pip-audit could not reach its advisory database "
              f"(or failed otherwise; exit {done.returncode}). This is not a pass.\n{last_lines}", file=sys.stderr)
        return DID_NOT_RUN
    status, lines = interpret(report)
    print("\n".join(lines), file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(audit(sys.argv[1], sys.argv[2], sys.argv[3:]))
