"""`python -m tests.soak` (`make soak`): the soak of tests/soak/soak.py. Its parent process takes the
development settings by default, as manage.py does; the child it starts for each database sets the
production settings in its environment."""

from tests.workshop import run_from_command_line

run_from_command_line("tests.soak", "tests.soak.soak", "website.settings.dev", own_settings=False)
