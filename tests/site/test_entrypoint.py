"""The production start-up that the Docker image and `make run-prod` use (site/entrypoint.sh): it
checks the configuration, migrates a fresh PostgreSQL database, loads the demo once and serves with
gunicorn, against the real local PostgreSQL and Redis. Docker itself cannot run on these machines."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import pytest
from django.conf import settings

from tests.servers import free_port


def reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not (reachable(5432) and reachable(6379)), reason="needs PostgreSQL and Redis")


def drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_entrypoint_starts_production_on_postgresql_and_redis(tmp_path):
    name = f"entrypoint_{uuid.uuid4().hex[:10]}"
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DOTENV_PATH": "",
        "SECRET_KEY": "entrypoint-test-" + "e" * 50,
        "REFERRAL_ENCRYPTION_KEYS": "wQ0zvBk3O8n5K3yQ0kE0q2oP1rJ9b7mVf6eW3tY4u5I=",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        "CACHE_URL": "redis://127.0.0.1:6379/14",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOAD_DEMO_CONTENT": "true",
        "PYTHON": sys.executable,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    run = {"cwd": settings.BASE_DIR, "env": env, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "-m", "website.create_database"], **run)  # noqa: S603
    server = None
    log = tempfile.TemporaryFile()
    try:
        # As the image's build does: fingerprinted static files are collected before the start.
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], **run)  # noqa: S603
        server = subprocess.Popen(["sh", "site/entrypoint.sh"], cwd=settings.BASE_DIR, env=env,  # noqa: S603, S607
                                  stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300  # migrations and the demo content on a fresh database
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=5) as response:  # noqa: S310 - local
                    assert response.status == 200
                    break
            except OSError:
                log.seek(0)
                assert server.poll() is None, log.read().decode()[-3000:]
                assert time.monotonic() < deadline, "the entrypoint did not start serving"
                time.sleep(1)
        with urllib.request.urlopen(url + "/fi/", timeout=30) as response:  # noqa: S310 - local
            assert response.status == 200
            html = response.read().decode()
            assert "Ihmiskaupan uhrien auttamisjärjestelmä" in html
            # The demo's Site record says localhost:80; PUBLIC_BASE_URL names the real address.
            assert f'<link rel="canonical" href="{url}/fi/">' in html
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        log.close()
        drop_database(name)
