"""The start-up check that the configured keys read the referrals already stored (the real start-up,
entrypoint and gunicorn, is tested in tests/site/test_outage.py)."""

import pytest

from referral_form.key_check import KeysDoNotReadStoredData, check_keys_read_stored_data

pytestmark = pytest.mark.django_db

OTHER_KEY = "8Xa5mS0y9ZzjT1fQbdPkuMfGdW1n0yx0Ck2l3cB7uPo="


def test_a_database_without_referrals_passes():
    assert check_keys_read_stored_data() == 0


def test_the_right_keys_read_a_sample_and_a_wrong_key_refuses(make_referral, settings):
    for _ in range(4):
        make_referral()
    assert check_keys_read_stored_data() == 6  # three newest and three oldest

    settings.REFERRAL_ENCRYPTION_KEYS = f"{OTHER_KEY},{settings.REFERRAL_ENCRYPTION_KEYS}"  # rotated: still reads
    assert check_keys_read_stored_data() == 6
    settings.REFERRAL_ENCRYPTION_KEYS = OTHER_KEY
    with pytest.raises(KeysDoNotReadStoredData, match="cannot decrypt the referrals already stored"):
        check_keys_read_stored_data()
