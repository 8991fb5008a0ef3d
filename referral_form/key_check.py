"""Start-up check: the configured keys must read what is already stored.

A key of the right form that is not the one the stored referrals were encrypted with would let the
site start, take new reports, and fail only when staff open an old one. Run at every start
(`manage.py check_referral_keys` in site/entrypoint.sh, and website.wsgi in each gunicorn worker),
it decrypts the newest and the oldest stored referrals and messages and refuses to start when one
cannot be read. A database without referrals passes, and so does one that cannot be reached or is
not yet migrated: starting must not wait for the database, and /healthz reports it.
"""

import logging

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from referral_form import crypto
from referral_form.models import Referral, ReferralMessage

logger = logging.getLogger(__name__)
SAMPLE = 3  # from each end of each table: a rotation re-encrypts oldest and newest alike


class KeysDoNotReadStoredData(ImproperlyConfigured):
    pass


def check_keys_read_stored_data() -> int:
    """Decrypt a sample of stored rows; return how many were read. Raise KeysDoNotReadStoredData."""
    samples = [(Referral, "received_at", "description"), (ReferralMessage, "created_at", "text")]
    read = 0
    try:
        for model, time_field, encrypted_field in samples:
            rows = model.objects.order_by(time_field).values_list(encrypted_field, flat=True)
            read += len(list(rows[:SAMPLE])) + len(list(rows.reverse()[:SAMPLE]))
    except crypto.EncryptionError as error:
        raise KeysDoNotReadStoredData(
            "REFERRAL_ENCRYPTION_KEYS cannot decrypt the referrals already stored in the database: "
            f"{error}. Refusing to start. Put the key they were encrypted with back into the list "
            "(newest first) and start again."
        ) from error
    except DatabaseError:
        logger.warning("referral keys not checked: the database cannot be read now")
        return 0
    return read
