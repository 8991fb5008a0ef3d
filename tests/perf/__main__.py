"""`python -m tests.perf` (`make bench`): the benchmark of tests/perf/bench.py, under
tests/perf/settings.py."""

from tests.workshop import run_from_command_line

run_from_command_line("tests.perf", "tests.perf.bench", "tests.perf.settings", own_settings=True)
