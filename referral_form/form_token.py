"""The form token: replaces Django's CSRF cookie, so that the form page sets no cookie.

Signed and time-limited (REFERRAL_FORM_MAX_AGE_SECONDS), with a random nonce that makes it single-use:
what a token has stored is recorded in the same transaction (FormTokenUse), and the same form sent
again gets the same answer instead of a second case (referral_form/submissions.py). The follow-up form
of the "check my report" page has tokens of its own kind (another salt), so that neither kind is taken
for the other.
"""

import datetime
from typing import NamedTuple

from django.conf import settings
from django.core import signing

from referral_form import crypto

FORM_TOKEN_SALT = "referral_form.token"  # noqa: S105 - a signing namespace, not a secret
FOLLOW_UP_TOKEN_SALT = "referral_form.follow_up_token"  # noqa: S105 - a signing namespace, not a secret


class FormToken(NamedTuple):
    """A valid token: its nonce and when it expires."""

    nonce: str
    expires_at: datetime.datetime


def new_form_token(salt: str = FORM_TOKEN_SALT) -> str:
    return signing.dumps({"v": 2, "n": crypto.new_form_nonce()}, salt=salt)


def read_form_token(token: str, salt: str = FORM_TOKEN_SALT) -> FormToken | None:
    """The token's nonce and expiry; None for a forged or expired token, or one without a nonce (a
    form opened before tokens had one: the visitor is asked to send it again, with a new token)."""
    max_age = settings.REFERRAL_FORM_MAX_AGE_SECONDS
    try:
        payload = signing.loads(token or "", salt=salt, max_age=max_age)
        issued = signing.b62_decode(token.rsplit(":", 2)[-2])  # the signed timestamp
    except (signing.BadSignature, ValueError):
        return None
    nonce = payload.get("n") if isinstance(payload, dict) else None
    if not isinstance(nonce, str) or not nonce:
        return None
    return FormToken(nonce, datetime.datetime.fromtimestamp(issued + max_age, tz=datetime.UTC))


def form_token_is_valid(token: str, salt: str = FORM_TOKEN_SALT) -> bool:
    return read_form_token(token, salt) is not None
