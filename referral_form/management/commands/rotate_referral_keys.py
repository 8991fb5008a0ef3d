"""Re-encrypt every encrypted referral field with the newest key of REFERRAL_ENCRYPTION_KEYS.

Rotation: put a new key first in REFERRAL_ENCRYPTION_KEYS (keep the old ones after it), restart,
run this command, then remove the old keys and restart again.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from referral_form import crypto
from referral_form.fields import EncryptedTextField
from referral_form.models import Referral, ReferralMessage

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all referral data with the newest key."

    def handle(self, *args, **options):
        crypto.check_configuration()
        total = 0
        for model in (Referral, ReferralMessage):
            columns = [f.column for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            table = model._meta.db_table
            pk = model._meta.pk.column
            quote = connection.ops.quote_name
            # Names come from the model's own fields, never from input.
            select = f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} FROM {quote(table)}"  # noqa: S608
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(select)
                rows = cursor.fetchall()
                for row in rows:
                    values = [crypto.reencrypt_with_newest_key(v) if v is not None else None for v in row[1:]]
                    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s",  # noqa: S608
                        [*values, row[0]],
                    )
                total += len(rows)
        self.stdout.write(f"Re-encrypted {total} row(s) with the newest key.")
