"""The backup procedure of site/README.md ("Backups and restore"), with the real PostgreSQL tools: a
`pg_dump --format=custom` restored into a fresh database gives back every referral, readable with the
backed-up keys and with no other; the dump itself holds no plain text."""

import os
import subprocess
import uuid
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.test import override_settings

from referral_form import crypto
from referral_form.models import Referral, ReferralMessage, SharingLevel, WriterRole

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    pytest.skip("pg_dump and pg_restore need PostgreSQL; runs on the PostgreSQL pass", allow_module_level=True)

pytestmark = pytest.mark.django_db

SECRETS = {
    "description": "Varastossa Vantaalla, passit otettu pois, zebra-42",
    "person_name": "Maria Esimerkki-Varmuuskopio",
    "contact_phone": "+358 40 765 4321",
    "municipality": "Kuusamo-ykkonen",
}
MESSAGE = "Lisätieto varmuuskopioon kiwi-9"


def pg(*command: str) -> None:
    settings = connection.settings_dict
    env = {**os.environ, "PGHOST": settings["HOST"] or "127.0.0.1", "PGPORT": str(settings["PORT"] or 5432),
           "PGUSER": settings["USER"] or "postgres", "PGPASSWORD": settings["PASSWORD"] or ""}
    subprocess.run(command, env=env, check=True, capture_output=True)


@contextmanager
def database(name: str):
    """A new, empty PostgreSQL database, reachable as a Django database alias of the same name."""
    pg("createdb", name)
    # Set as a connection, not added to the DATABASES settings: the test case would refuse an alias it
    # did not know when it started.
    connections[name] = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        {**connection.settings_dict, "NAME": name}, name
    )
    try:
        yield name
    finally:
        connections[name].close()
        del connections[name]
        pg("dropdb", "--if-exists", "--force", name)


def test_a_restored_dump_is_readable_with_the_backed_up_keys_only(tmp_path):
    prefix = f"{connection.settings_dict['NAME']}_{uuid.uuid4().hex[:6]}"
    schema, backup = tmp_path / "schema.dump", tmp_path / "backup.dump"
    with database(prefix + "_live") as live, database(prefix + "_restored") as restored:
        # The live site: the tables (from the test database, which is migrated), and a case.
        pg("pg_dump", "--format=custom", "--schema-only", f"--file={schema}", connection.settings_dict["NAME"])
        pg("pg_restore", "--no-owner", f"--dbname={live}", str(schema))
        case = Referral.objects.using(live).create(
            language="fi", receipt_digest=uuid.uuid4().hex, writer_role=WriterRole.SELF,
            sharing_level=SharingLevel.CONFIDENTIAL, **SECRETS,
        )
        ReferralMessage.objects.using(live).create(referral=case, kind=ReferralMessage.Kind.FROM_REPORTER, text=MESSAGE)

        # The backup, as in site/README.md (uncompressed here, so that the check of its bytes means something).
        pg("pg_dump", "--format=custom", "--compress=0", f"--file={backup}", live)
        pg("pg_restore", "--no-owner", f"--dbname={restored}", str(backup))

        dump = backup.read_bytes()
        assert case.id.bytes in dump or str(case.id).encode() in dump  # the case is in it...
        for text in [*SECRETS.values(), MESSAGE, "zebra", "kiwi"]:
            assert text.encode() not in dump  # ...but none of its text

        # With the backed-up keys (the test settings' key), everything comes back.
        back = Referral.objects.using(restored).get(pk=case.pk)
        assert {name: getattr(back, name) for name in SECRETS} == SECRETS
        assert back.messages.using(restored).get().text == MESSAGE
        # With any other key, or none, nothing does.
        with override_settings(REFERRAL_ENCRYPTION_KEYS=crypto.generate_key()):
            with pytest.raises(crypto.DecryptionFailed):
                Referral.objects.using(restored).get(pk=case.pk)
        with override_settings(REFERRAL_ENCRYPTION_KEYS=""):
            with pytest.raises(crypto.EncryptionNotConfigured):
                Referral.objects.using(restored).get(pk=case.pk)
