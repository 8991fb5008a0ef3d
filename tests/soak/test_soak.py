"""Load without loss: 32 visitors at once send referrals to gunicorn on the database of this pass
(the SQLite default, or PostgreSQL when DATABASE_URL names it), and every one is stored once,
decryptable, and found by its own receipt code.

The full run, 1,000 reports on both databases, is `make soak` (tests/soak/soak.py); it takes minutes on a small machine
(every report costs a deliberately slow scrypt hash of its receipt code on the server and again in
the check), so here the same 32 visitors send 4 reports each.
"""

import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from referral_form.models import Referral
from tests.soak.soak import Command as SoakCommand
from tests.soak.visitors import Submission, report_fields, stored_problems
from tests.soak.visitors import marker as soak_marker

SUBMISSIONS = 128
CLIENTS = 32


def test_thirty_two_visitors_at_once_lose_no_report():
    database_url = os.environ.get("DATABASE_URL", "")
    options = {"databases": ["sqlite"]}
    if database_url.startswith("postgres"):
        options = {"databases": ["postgresql"], "postgres_url": database_url}
    out = StringIO()
    try:
        call_command(SoakCommand(), submissions=SUBMISSIONS, clients=CLIENTS, stdout=out, stderr=out, **options)
    except CommandError:
        pytest.fail(out.getvalue())
    rows = [line.split() for line in out.getvalue().splitlines()]
    row = next(row for row in rows if len(row) == 9 and row[0] == options["databases"][0])
    # database, submissions, clients, seconds, per second, p50, p99, errors, verified
    assert (row[1], row[2], row[7], row[8]) == (str(SUBMISSIONS), str(CLIENTS), "0", "yes"), out.getvalue()


@pytest.mark.django_db
def test_the_check_finds_a_lost_report_and_one_nobody_sent():
    lost = Submission(1, "fi", report_fields(1, "fi", []), status=200, receipt="1234 5678 9012 3456")
    Referral.objects.create(language="fi", receipt_digest="0" * 64, writer_role="self", sharing_level="anonymous",
                            description=f"Tallennettu, mutta ei lähetetty {soak_marker(2)}")

    problems = stored_problems([lost], threads=1)

    assert "receipt of report 1 finds nothing" in problems
    assert "1 stored referrals were never sent" in problems
