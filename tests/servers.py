"""Real server processes: the site started with gunicorn and site/gunicorn.conf.py, as production
does, for `make audit` (tests/audit/), `make bench` (tests/perf/), `make soak` (tests/soak/) and the
tests that need a real server process."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from website.env import REPOSITORY_ROOT


def fresh_demo_site(directory: Path, stdout=None) -> None:
    """A new database (the SQLite file in `directory`, if SQLite) with the demo content, no media,
    and the static files collected as production serves them: for `make audit` and `make bench`."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    directory.mkdir(parents=True, exist_ok=True)
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for leftover in directory.glob("site.sqlite3*"):
            leftover.unlink()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo_content", stdout=stdout)
    connections.close_all()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], *, ready_path: str = "/robots.txt", workers: int | None = 2, log_path=None):
    """Serve the site with `env` on a free port of 127.0.0.1; yields the base URL.

    `workers=None` keeps the gunicorn config's own default. The log goes to `log_path`, or to a
    temporary file (a file, not a pipe: a full pipe would stall the server).
    """
    port = free_port()
    full_env = {**os.environ, "DOTENV_PATH": "", **env, "PORT": str(port), "HOST": "127.0.0.1"}
    if workers is not None:
        full_env["WEB_CONCURRENCY"] = str(workers)
    executable = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    log = open(log_path, "w+b") if log_path else tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [executable, "-c", "site/gunicorn.conf.py", "website.wsgi"], cwd=REPOSITORY_ROOT, env=full_env,
        stdout=log, stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + ready_path, timeout=2)  # noqa: S310 - our own local server
                break
            except urllib.error.HTTPError:
                break  # it answers, even if not with 200
            except OSError:
                if server.poll() is not None:
                    log.seek(0)
                    raise RuntimeError("gunicorn stopped:\n" + log.read().decode()[-3000:]) from None
                time.sleep(0.2)
        else:
            raise RuntimeError("the site did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
