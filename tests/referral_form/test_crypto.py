"""Encryption at rest: keys from the environment, loud failures, rotation."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, transaction

from referral_form import crypto
from referral_form.models import Referral, ReferralMessage

pytestmark = pytest.mark.django_db


def make_referral(**extra):
    return Referral.objects.create(
        language="fi", receipt_digest=Fernet.generate_key().hex()[:64], writer_role="self",
        sharing_level="anonymous", description="Alkuperäinen teksti", **extra,
    )


def raw_description(referral) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM referral_form_referral WHERE id = %s", [referral.pk.hex
                       if connection.vendor == "sqlite" else referral.pk])
        return cursor.fetchone()[0]


def test_round_trip_and_ciphertext_differs():
    token = crypto.encrypt_for_storage("salaisuus")
    assert token.startswith("fernet:") and "salaisuus" not in token
    assert crypto.decrypt_from_storage(token) == "salaisuus"
    assert crypto.encrypt_for_storage("salaisuus") != token  # random IV


def test_missing_key_fails_loudly(settings):
    settings.REFERRAL_ENCRYPTION_KEYS = ""
    with pytest.raises(crypto.EncryptionNotConfigured):
        crypto.encrypt_for_storage("x")
    with pytest.raises(crypto.EncryptionNotConfigured):
        crypto.check_configuration()


def test_malformed_key_fails_loudly(settings):
    settings.REFERRAL_ENCRYPTION_KEYS = "not-a-key"
    with pytest.raises(crypto.EncryptionNotConfigured):
        crypto.check_configuration()


def test_wrong_key_never_returns_ciphertext(settings):
    referral = make_referral()
    settings.REFERRAL_ENCRYPTION_KEYS = Fernet.generate_key().decode()
    with pytest.raises(crypto.DecryptionFailed):
        Referral.objects.get(pk=referral.pk)


def test_plain_text_in_an_encrypted_column_is_refused():
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt_from_storage("plain text")


def test_missing_key_never_stores_plain_text(settings):
    settings.REFERRAL_ENCRYPTION_KEYS = ""
    with pytest.raises(crypto.EncryptionNotConfigured), transaction.atomic():
        make_referral()
    assert not Referral.objects.exists()


def test_rotation_reencrypts_with_newest_key(settings):
    old_key = settings.REFERRAL_ENCRYPTION_KEYS
    referral = make_referral(contact_phone="+358 40 1")
    ReferralMessage.objects.create(referral=referral, kind="note", text="muistiinpano")
    before = raw_description(referral)
    new_key = Fernet.generate_key().decode()
    settings.REFERRAL_ENCRYPTION_KEYS = f"{new_key},{old_key}"
    call_command("rotate_referral_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = raw_description(referral)
    assert after != before
    settings.REFERRAL_ENCRYPTION_KEYS = new_key  # the old key is gone
    fresh = Referral.objects.get(pk=referral.pk)
    assert fresh.description == "Alkuperäinen teksti"
    assert fresh.contact_phone == "+358 40 1"
    assert ReferralMessage.objects.get().text == "muistiinpano"


def test_receipt_code_format():
    code = crypto.new_receipt_code()
    assert len(code) == 16 and code.isdigit()
    assert crypto.format_receipt_code("1234567890123456") == "1234 5678 9012 3456"
    assert crypto.normalise_receipt_code("1234-5678 9012 3456") == "1234567890123456"
    # Typed on an Arabic, Persian or full-width keyboard: the same code
    assert crypto.normalise_receipt_code("١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦") == "1234567890123456"
    assert crypto.normalise_receipt_code("۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶") == "1234567890123456"
    assert crypto.normalise_receipt_code("１２３４５６７８９０１２３４５６") == "1234567890123456"
    assert crypto.normalise_receipt_code("1234567890123456²") == "1234567890123456"  # superscripts don't count
    assert crypto.normalise_receipt_code("123") is None


def test_only_crypto_module_touches_the_cipher():
    import pathlib

    from django.conf import settings as django_settings

    offenders = []
    for path in pathlib.Path(django_settings.BASE_DIR).glob("*/**/*.py"):
        # Virtualenvs (.venv, var/tools/) and other generated folders hold third-party code.
        folders = set(path.relative_to(django_settings.BASE_DIR).parts)
        if {".venv", "var", "node_modules", "tests"} & folders or path.name == "crypto.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "from cryptography" in text or "Fernet(" in text:
            offenders.append(str(path))
    assert offenders == []
