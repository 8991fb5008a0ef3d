"""Saving a submission: one transaction, then a content-free notification.

Each is sent with a single-use form token (referral_form/form_token.py). The transaction that stores a
report or a follow-up first records the token's use (FormTokenUse), so that either both are stored or
neither: the same form sent again, even at the same moment, stores nothing more. On SQLite that
first INSERT takes the database's write lock, so a second sending waits for the first to commit; on
PostgreSQL the second INSERT of the same key waits on the first's uncommitted row. Either way the
second then fails on the unique key, and gets what the first stored.
"""

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from referral_form import crypto
from referral_form.form_token import FormToken
from referral_form.models import FormTokenUse, Referral, ReferralExploitation, ReferralMessage
from referral_form.notifications import notify_new_referral


@sensitive_variables()
def create_referral(form, language: str, token: FormToken) -> str:
    """Store a valid ReferralForm sent with `token`; return its receipt code, which is never stored in
    clear. If the token has stored a report already, store nothing and return that report's code."""
    values = form.referral_values()
    kinds = form.exploitation_kinds()
    forget_expired_token_uses(quietly=True)
    nonce_digest = crypto.form_nonce_digest(token.nonce)
    for _attempt in range(3):
        code = crypto.new_receipt_code()
        digest = crypto.receipt_digest(code)  # slow on purpose: before the transaction, not holding a lock
        sealed = crypto.seal_for_nonce(token.nonce, code)
        try:
            with transaction.atomic():
                # First in the transaction (see the module's docstring).
                FormTokenUse.objects.create(nonce_digest=nonce_digest, receipt=sealed, expires_at=token.expires_at)
                referral = Referral.objects.create(language=language, receipt_digest=digest, **values)
                ReferralExploitation.objects.bulk_create(
                    ReferralExploitation(referral=referral, kind=kind) for kind in kinds
                )
                transaction.on_commit(notify_new_referral)
            return code
        except IntegrityError:
            if (earlier := receipt_for_token(token)) is not None:
                return earlier  # the same form, sent at the same moment: the other sending stored it
            continue  # a receipt collision (one in 10^16): draw another code
    raise IntegrityError("could not draw a unique receipt code")


@sensitive_variables()
def receipt_for_token(token: FormToken) -> str | None:
    """The receipt code of the report that `token` has stored, or None if it has stored none."""
    used = FormTokenUse.objects.filter(nonce_digest=crypto.form_nonce_digest(token.nonce)).first()
    if used is None or not used.receipt:
        return None
    return crypto.open_with_nonce(token.nonce, used.receipt)


def expired_token_uses():
    """What is kept of tokens that have expired: nothing can be sent with them any more."""
    return FormTokenUse.objects.filter(expires_at__lt=timezone.now())


def forget_expired_token_uses(*, quietly: bool = False) -> int:
    """Delete what is kept of tokens that have expired (nothing can be sent with them any more);
    return how many. `quietly`: by the way, before storing something, where a failure is left to the
    storing that follows to meet and report."""
    if not quietly:
        return expired_token_uses().delete()[0]
    try:
        with transaction.atomic():
            return forget_expired_token_uses()
    except DatabaseError:
        return 0


@sensitive_variables()
def find_by_receipt(text: str) -> Referral | None:
    """The referral for a receipt code, or None. Takes the same time whatever the reason."""
    code = crypto.normalise_receipt_code(text)
    digest = crypto.receipt_digest(code or "0" * crypto.RECEIPT_DIGITS)
    if code is None:
        return None
    return Referral.objects.filter(receipt_digest=digest).first()


@sensitive_variables()
def add_reporter_message(referral: Referral, text: str, token: FormToken | None = None) -> bool:
    """Add a follow-up; False, with nothing stored, if `token` has already stored one."""
    if token is None:
        with transaction.atomic():
            ReferralMessage.objects.create(referral=referral, kind=ReferralMessage.Kind.FROM_REPORTER, text=text)
        return True
    forget_expired_token_uses(quietly=True)
    nonce_digest = crypto.form_nonce_digest(token.nonce)
    try:
        with transaction.atomic():
            FormTokenUse.objects.create(nonce_digest=nonce_digest, expires_at=token.expires_at)  # first, as above
            ReferralMessage.objects.create(referral=referral, kind=ReferralMessage.Kind.FROM_REPORTER, text=text)
    except IntegrityError:
        if FormTokenUse.objects.filter(nonce_digest=nonce_digest).exists():
            return False
        raise  # not the token (the report was deleted meanwhile)
    return True
