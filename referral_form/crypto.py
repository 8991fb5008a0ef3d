"""The only place where encryption keys and ciphertext meet.

Referral contents are encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256) keys taken from
the environment variable ``REFERRAL_ENCRYPTION_KEYS``: a comma-separated list of keys, newest first.
New data is encrypted with the newest key; every listed key can decrypt, so keys can be rotated
(`manage.py rotate_referral_keys` re-encrypts everything with the newest). The keys never sit in
the database. (One value is not under these keys: the receipt code kept for a used form token is
sealed with a key that only the token gives, see "single-use form tokens" below.)

A missing or wrong key fails loudly: decryption never returns ciphertext as if it were text.
"""

import base64
import hashlib
import hmac
import os
import secrets
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

TOKEN_PREFIX = "fernet:"  # noqa: S105 - a marker, not a secret
RECEIPT_DIGITS = 16
# The receipt code is hashed with scrypt at the cost REFERRAL_RECEIPT_SCRYPT names (site/settings/base.py;
# the test settings make it cheap, as they do the password hasher).
_RECEIPT_SALT = b"ihmiskauppa-referral-receipt-v1"


class EncryptionError(Exception):
    """Base class of everything that can go wrong with referral encryption."""


class EncryptionNotConfigured(EncryptionError):
    """No usable key in REFERRAL_ENCRYPTION_KEYS."""


class DecryptionFailed(EncryptionError):
    """A stored value could not be decrypted with any configured key."""


def _key_strings(raw: str | list[str] | None = None) -> list[str]:
    if raw is None:
        raw = getattr(settings, "REFERRAL_ENCRYPTION_KEYS", None)
    if raw is None:
        raw = os.environ.get("REFERRAL_ENCRYPTION_KEYS", "")
    if isinstance(raw, str):
        raw = raw.split(",")
    return [key.strip() for key in raw if key and key.strip()]


@lru_cache(maxsize=4)
def _cipher_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise EncryptionNotConfigured(
            "REFERRAL_ENCRYPTION_KEYS is not set: referrals cannot be stored or read. "
            "Generate a key with `manage.py generate_referral_key`."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise EncryptionNotConfigured(
            "REFERRAL_ENCRYPTION_KEYS contains a value that is not a valid key "
            "(32 url-safe base64-encoded bytes)."
        ) from error


def _cipher() -> MultiFernet:
    return _cipher_for(tuple(_key_strings()))


def check_configuration(raw_keys: str | None = None) -> int:
    """Raise EncryptionNotConfigured unless the keys are usable; return how many there are.

    Settings modules pass the raw value, since Django's settings are not ready while they load.
    """
    keys = _key_strings(raw_keys)
    cipher = _cipher_for(tuple(keys))
    probe = cipher.encrypt(b"probe")
    cipher.decrypt(probe)
    return len(keys)


def generate_key() -> str:
    return Fernet.generate_key().decode()


@sensitive_variables()
def encrypt_for_storage(text: str) -> str:
    """Encrypt text for a database column. Empty text is encrypted too, hiding which fields are filled."""
    if not isinstance(text, str):
        raise TypeError("only text can be encrypted for storage")
    return TOKEN_PREFIX + _cipher().encrypt(text.encode("utf-8")).decode("ascii")


@sensitive_variables()
def decrypt_from_storage(stored: str) -> str:
    if not stored.startswith(TOKEN_PREFIX):
        raise DecryptionFailed("the stored value is not an encrypted token")
    try:
        return _cipher().decrypt(stored[len(TOKEN_PREFIX):].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as error:
        raise DecryptionFailed(
            "a referral field could not be decrypted with the configured keys"
        ) from error


@sensitive_variables()
def reencrypt_with_newest_key(stored: str) -> str:
    """Re-encrypt a stored token with the newest key (for key rotation)."""
    if not stored.startswith(TOKEN_PREFIX):
        raise DecryptionFailed("the stored value is not an encrypted token")
    try:
        token = _cipher().rotate(stored[len(TOKEN_PREFIX):].encode("ascii"))
    except InvalidToken as error:
        raise DecryptionFailed("a referral field could not be decrypted for rotation") from error
    return TOKEN_PREFIX + token.decode("ascii")


# -- receipt codes ---------------------------------------------------------------------------


def new_receipt_code() -> str:
    """A random code of 16 digits, to be shown to the reporter once."""
    return "".join(str(secrets.randbelow(10)) for _ in range(RECEIPT_DIGITS))


def format_receipt_code(code: str) -> str:
    """Group the digits like a phone number: 4821 0937 5512 0648."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_receipt_code(text: str) -> str | None:
    """Digits only, as ASCII; None unless exactly the right number of digits was given.

    Any script's decimal digits count (a visitor on an Arabic, Persian or full-width keyboard types
    ٤٨٢١ or ۴۸۲۱ for 4821); other digit-like characters such as superscripts do not.
    """
    digits = "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
    return digits if len(digits) == RECEIPT_DIGITS else None


def receipt_digest(code: str) -> str:
    cost = settings.REFERRAL_RECEIPT_SCRYPT
    return hashlib.scrypt(
        code.encode("ascii"), salt=_RECEIPT_SALT, n=cost["n"], r=cost["r"], p=cost["p"], dklen=32
    ).hex()


# -- single-use form tokens -----------------------------------------------------------------------
# A form token (referral_form/form_token.py) carries a random nonce. A used token is kept as a hash of its
# nonce, with the receipt code it was answered with sealed by a key derived from the nonce as well:
# only a request that carries the token itself can read that code again, not a copy of the database,
# not even with every key of the server. The hash and the key are two HMACs keyed by the nonce.

FORM_NONCE_BYTES = 32
SEALED_PREFIX = "nonce-fernet:"
_NONCE_DIGEST_PURPOSE = b"ihmiskauppa-form-token-digest-v1"
_NONCE_KEY_PURPOSE = b"ihmiskauppa-form-token-key-v1"


def new_form_nonce() -> str:
    return secrets.token_urlsafe(FORM_NONCE_BYTES)


@sensitive_variables()
def _from_nonce(nonce: str, purpose: bytes) -> bytes:
    return hmac.new(nonce.encode("utf-8"), purpose, hashlib.sha256).digest()


@sensitive_variables()
def form_nonce_digest(nonce: str) -> str:
    """What a used token is found by; reveals neither the nonce nor the key of `seal_for_nonce`."""
    return _from_nonce(nonce, _NONCE_DIGEST_PURPOSE).hex()


@sensitive_variables()
def _nonce_cipher(nonce: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_from_nonce(nonce, _NONCE_KEY_PURPOSE)))


@sensitive_variables()
def seal_for_nonce(nonce: str, text: str) -> str:
    """Encrypt `text` so that only the holder of `nonce` can decrypt it."""
    return SEALED_PREFIX + _nonce_cipher(nonce).encrypt(text.encode("utf-8")).decode("ascii")


@sensitive_variables()
def open_with_nonce(nonce: str, stored: str) -> str:
    if not stored.startswith(SEALED_PREFIX):
        raise DecryptionFailed("the stored value is not sealed for a form token")
    try:
        return _nonce_cipher(nonce).decrypt(stored[len(SEALED_PREFIX):].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as error:
        raise DecryptionFailed("a value sealed for a form token could not be opened with it") from error
