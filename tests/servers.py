"""Start the site with gunicorn, as production does, for tests that need a real server process."""

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

from django.conf import settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], *, ready_path: str = "/robots.txt", workers: int = 2):
    """Serve the site with site/gunicorn.conf.py and `env` on a free port; yields its base URL."""
    port = free_port()
    full_env = {**os.environ, "DOTENV_PATH": "", **env, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    executable = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the server
    server = subprocess.Popen(  # noqa: S603 - our own server
        [executable, "-c", "site/gunicorn.conf.py", "website.wsgi"], cwd=settings.BASE_DIR, env=full_env,
        stdout=log, stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + ready_path, timeout=2)  # noqa: S310 - our own local server
                break
            except urllib.error.HTTPError:
                break  # it answers, even if not with 200
            except OSError:
                if server.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(log.read().decode()[-3000:]) from None
                time.sleep(0.2)
        else:
            raise RuntimeError("the site did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
