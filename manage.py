#!/usr/bin/env python
"""Django's command-line utility. Defaults to development settings and reads `.env` if present."""

import os
import sys


def main() -> None:
    from website.env import read_dotenv

    read_dotenv()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
