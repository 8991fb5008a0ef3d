"""`make soak` (`python -m tests.soak`): at least 1,000 referral submissions from 32 visitors at
once, and none may be lost.

For each database (the embedded SQLite default in a fresh temporary file, and a fresh PostgreSQL
database that is created and dropped again), a child process of this command with the production
settings (plain HTTP, a new secret and a new encryption key, rate limits raised through the
environment) migrates it, loads the demo content, serves it with gunicorn and its config, and has
the visitors of tests/soak/visitors.py send their reports in several languages. Then, through the
ORM on that database with that key, every report must be stored exactly once, decrypt to what was
sent, and be found by its own receipt code, which no other report got; nothing else may be stored.

Prints: database, submissions, clients, seconds, submissions/s, p50/p99 ms of the POST, errors,
verified. Exits non-zero on any loss.
"""

import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from io import StringIO
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from referral_form import crypto
from tests.servers import gunicorn
from tests.soak.visitors import send_reports, stored_problems
from website.create_database import create_database, drop_database
from website.env import REPOSITORY_ROOT

RESULT_PREFIX = "soak result: "
DATABASES = ("sqlite", "postgresql")


class Command(BaseCommand):
    help = "Send 1,000 referrals from 32 visitors at once to gunicorn on SQLite and PostgreSQL; verify none is lost."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
        parser.add_argument("--submissions", type=int, default=1000)
        parser.add_argument("--clients", type=int, default=32)
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
        parser.add_argument(
            "--postgres-url", default=os.environ.get("SOAK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
            help="the PostgreSQL server on which a throwaway database is created (SOAK_POSTGRES_URL)",
        )
        parser.add_argument("--serve", metavar="DATABASE_URL",
                            help="(internal) the child process: run against this fresh, empty database")

    def handle(self, *args, databases, submissions, clients, workers, postgres_url, serve, **options):
        if serve:
            self.serve_and_send(submissions, clients, workers)
            return
        rows = [self.run_child(database, submissions, clients, workers, postgres_url) for database in databases]
        self.report(rows)

    # -- the parent: one child process per database -------------------------------------------

    def run_child(self, database: str, submissions: int, clients: int, workers: int, postgres_url: str) -> dict:
        with tempfile.TemporaryDirectory(prefix="soak-") as work:
            if database == "sqlite":
                url = f"sqlite:///{Path(work) / 'site.sqlite3'}"
            else:
                server = dj_database_url.parse(postgres_url)
                url = postgres_url.rsplit("/", 1)[0] + f"/soak_{uuid.uuid4().hex[:12]}"
                if "postgresql" not in server["ENGINE"]:
                    raise CommandError("--postgres-url must be a postgres:// URL")
                create_database(url)
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "website.settings.production",
                "DOTENV_PATH": "",
                "DATABASE_URL": url,
                "DATABASE_CONN_MAX_AGE": "60",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "REFERRAL_ENCRYPTION_KEYS": crypto.generate_key(),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "false",
                "REFERRAL_SUBMISSIONS_PER_HOUR": str(10 * submissions),
                "REFERRAL_NOTIFY_EMAILS": "",
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "STATIC_ROOT": str(REPOSITORY_ROOT / "var" / "soak" / "static"),
                "MEDIA_ROOT": str(Path(work) / "media"),
            }
            command = [sys.executable, "-m", "tests.soak", "--serve", url, "--submissions", str(submissions),
                       "--clients", str(clients), "--workers", str(workers)]
            self.stdout.write(f"{database}: migrating a fresh database, loading the demo, serving, sending ...")
            try:
                done = subprocess.run(command, cwd=REPOSITORY_ROOT, env=env, capture_output=True, text=True)  # noqa: S603 - our own command
            finally:
                if database == "postgresql":
                    drop_database(url)
        lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
        if done.returncode or not lines:
            self.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
            return {"database": database, "submissions": submissions, "clients": clients, "seconds": 0,
                    "per_second": 0, "p50": 0, "p99": 0, "errors": submissions, "problems": ["the run failed"]}
        return {"database": database, **json.loads(lines[-1].removeprefix(RESULT_PREFIX))}

    def report(self, rows: list[dict]) -> None:
        header = (f"{'database':<12}{'submissions':>12}{'clients':>9}{'seconds':>9}{'subm./s':>9}"
                  f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  verified")
        self.stdout.write("\n" + header + "\n" + "-" * len(header))
        for row in rows:
            verified = "yes" if not row["problems"] else "NO"
            self.stdout.write(
                f"{row['database']:<12}{row['submissions']:>12}{row['clients']:>9}{row['seconds']:>9.1f}"
                f"{row['per_second']:>9.1f}{row['p50']:>9.0f}{row['p99']:>9.0f}{row['errors']:>8}  {verified}"
            )
        problems = [f"{row['database']}: {problem}" for row in rows for problem in row["problems"]]
        if problems:
            self.stderr.write("\n".join(problems))
            raise CommandError(f"{len(problems)} problems: reports were lost or damaged")
        self.stdout.write(self.style.SUCCESS("Every report stored once, decryptable, found by its own receipt."))

    # -- the child: production settings on the fresh database ----------------------------------

    def serve_and_send(self, submissions: int, clients: int, workers: int) -> None:
        if settings.DEBUG or not settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("--serve runs under the production settings, started by `python -m tests.soak`.")
        quiet = StringIO()
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
        call_command("load_demo_content", stdout=quiet)
        connections.close_all()
        with gunicorn({}, ready_path="/healthz", workers=workers) as base_url:
            started = time.perf_counter()
            sent = send_reports(base_url, submissions, clients)
            seconds = time.perf_counter() - started
        problems = stored_problems(sent)
        latencies = sorted(submission.milliseconds for submission in sent if submission.receipt)
        result = {
            "submissions": len(sent), "clients": clients, "seconds": seconds, "per_second": len(sent) / seconds,
            "p50": statistics.median(latencies) if latencies else 0,
            "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else 0,
            "errors": sum(1 for submission in sent if submission.receipt is None), "problems": problems,
        }
        self.stdout.write(RESULT_PREFIX + json.dumps(result))

