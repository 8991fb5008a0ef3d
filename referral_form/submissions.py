"""Saving a submission: one transaction, then a content-free notification."""

from django.db import IntegrityError, transaction
from django.views.decorators.debug import sensitive_variables

from referral_form import crypto
from referral_form.models import Referral, ReferralMessage, SharingLevel
from referral_form.notifications import notify_new_referral

ENCRYPTED_FORM_FIELDS = (
    "description", "municipality", "languages_spoken", "contact_phone", "contact_email",
    "safe_contact_times", "person_name", "person_date_of_birth", "person_nationality",
    "referrer_organisation", "referrer_contact",
)
PLAIN_FORM_FIELDS = (
    "writer_role", "sharing_level", "region", "is_minor", "children_need_help",
    "interpreter_needed", "contact_method", "may_leave_message",
)
IDENTIFYING_FIELDS = ("person_name", "person_date_of_birth", "person_nationality")


@sensitive_variables()
def create_referral(form, language: str) -> str:
    """Store a valid ReferralForm; return the receipt code, which is never stored."""
    data = form.cleaned_data
    values = {name: data.get(name) or "" for name in ENCRYPTED_FORM_FIELDS}
    values.update({name: data.get(name) for name in PLAIN_FORM_FIELDS})
    values["region"] = data.get("region")
    consultation = form.is_consultation
    if consultation:
        # Without the person's consent, nothing identifying them is kept.
        for name in IDENTIFYING_FIELDS:
            values[name] = ""
    if data.get("sharing_level") == SharingLevel.ANONYMOUS:
        for name in ("contact_phone", "contact_email", "safe_contact_times",
                     "referrer_organisation", "referrer_contact"):
            values[name] = ""
    for _attempt in range(3):
        code = crypto.new_receipt_code()
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    language=language,
                    receipt_digest=crypto.receipt_digest(code),
                    is_consultation=consultation,
                    consent_confirmed=bool(data.get("consent_confirmed")) and not consultation,
                    **values,
                )
                referral.exploitation_types.set(data.get("exploitation_types") or [])
                transaction.on_commit(notify_new_referral)
            return code
        except IntegrityError:
            continue  # a receipt collision (one in 10^16): draw another code
    raise IntegrityError("could not draw a unique receipt code")


@sensitive_variables()
def find_by_receipt(text: str) -> Referral | None:
    """The referral for a receipt code, or None. Takes the same time whatever the reason."""
    code = crypto.normalise_receipt_code(text)
    digest = crypto.receipt_digest(code or "0" * crypto.RECEIPT_DIGITS)
    if code is None:
        return None
    return Referral.objects.filter(receipt_digest=digest).first()


@sensitive_variables()
def add_reporter_message(referral: Referral, text: str) -> None:
    with transaction.atomic():
        ReferralMessage.objects.create(referral=referral, kind=ReferralMessage.Kind.FROM_REPORTER, text=text)
