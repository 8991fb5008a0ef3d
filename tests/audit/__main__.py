"""`python -m tests.audit` (`make audit`): the front-end audit of tests/audit/audit_site.py, under
tests/audit/settings.py. (`make audit-deps` runs tests/audit/audit_dependencies.py as a script.)"""

from tests.workshop import run_from_command_line

run_from_command_line("tests.audit", "tests.audit.audit_site", "tests.audit.settings", own_settings=True)
