"""How the workshop's tools start: as packages run from the repository root, not as commands of the
web app. `make bench` runs `python -m tests.perf` (tests/perf/bench.py), `make soak`
`python -m tests.soak` (tests/soak/soak.py), `make audit` `python -m tests.audit`
(tests/audit/audit_site.py); each package's `__main__.py` calls `run_from_command_line`.

Each tool is a Django `BaseCommand` in form, for its options, `--help`, its output and its exit
status ("CommandError: ..." and exit 1), but no installed app registers it: `manage.py` does not
list it, and the image, which has no `tests/`, does not contain it. A test runs one in its own
process with `call_command(Command(), ...)`.
"""

import importlib
import os
import sys


def run_from_command_line(package: str, command_module: str, settings_module: str, *, own_settings: bool) -> None:
    """Read `.env` as manage.py does, set up Django, then import `command_module` (its imports need
    the app registry) and run its `Command` with this process's arguments.

    With `own_settings` the tool always runs under `settings_module`, whatever DJANGO_SETTINGS_MODULE
    says; otherwise `settings_module` is only the default, as manage.py's.
    """
    from website.env import read_dotenv

    read_dotenv()
    if own_settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()
    command = importlib.import_module(command_module).Command()
    # run_from_argv names the program after its first two words: "python -m tests.perf".
    command.run_from_argv(["python -m", package, *sys.argv[1:]])
