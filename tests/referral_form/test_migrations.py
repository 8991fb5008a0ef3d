"""Migration 0006 replaced the snippet lists ExploitationType and Region by the site's one list
(pages/vocabulary.py): a database migrated before then keeps what its referrals chose.

Run on a database of its own (a new SQLite file, migrated in a subprocess), so that migrating back and
forth cannot touch the test database the other tests share."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def migrate(database: Path, *target: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test", "DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0", *target],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def insert(db: sqlite3.Connection, table: str, **values) -> None:
    """A row with `values`, every other required column filled with a neutral value."""
    for _cid, name, declared, notnull, default, primary_key in db.execute(f"PRAGMA table_info({table})"):
        kind = declared.lower()
        if notnull and default is None and name not in values and not (primary_key and kind == "integer"):
            values[name] = "2026-01-01 00:00:00" if kind == "datetime" else 0 if kind in ("bool", "integer") else ""
    columns = ", ".join(values)
    # The table and column names come from this test and from PRAGMA table_info, never from input.
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(values))})", list(values.values()))  # noqa: S608


def test_what_referrals_chose_from_the_old_lists_is_kept(tmp_path):
    database = tmp_path / "before-0006.sqlite3"
    migrate(database, "referral_form", "0005")
    with sqlite3.connect(database) as db:
        for table, codes in (
            ("referral_form_exploitationtype", ("labour", "forced_begging", "retired_code")),
            ("referral_form_region", ("lappi", "abroad")),
        ):
            for order, code in enumerate(codes):
                insert(db, table, code=code, name=code, sort_order=order)
        kinds = dict(db.execute("SELECT code, id FROM referral_form_exploitationtype"))
        regions = dict(db.execute("SELECT code, id FROM referral_form_region"))
        chose, unknown, none = (uuid.uuid4().hex for _ in range(3))
        insert(db, "referral_form_referral", id=chose, receipt_digest="a", region_id=regions["lappi"])
        insert(db, "referral_form_referral", id=unknown, receipt_digest="b", region_id=regions["abroad"])
        insert(db, "referral_form_referral", id=none, receipt_digest="c")
        for referral, code in ((chose, "labour"), (chose, "forced_begging"), (unknown, "retired_code")):
            insert(db, "referral_form_referral_exploitation_types", referral_id=referral,
                   exploitationtype_id=kinds[code])

    migrate(database)

    with sqlite3.connect(database) as db:
        assert dict(db.execute("SELECT id, region FROM referral_form_referral")) == {
            chose: "lappi", unknown: "abroad", none: "",
        }
        kept = sorted(db.execute("SELECT referral_id, kind FROM referral_form_referralexploitation"))
        # A code the one list does not have is not carried over.
        assert kept == sorted([(chose, "labour"), (chose, "forced_begging")])
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & {"referral_form_exploitationtype", "referral_form_region",
                             "referral_form_referral_exploitation_types"}
