"""The staff e-mail about a new referral: that one arrived and where to read it, nothing more."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def notify_new_referral() -> None:
    recipients = settings.REFERRAL_NOTIFY_EMAILS
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        queue_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("referrals:list")
        subject = _("A new referral has arrived")
        body = _(
            "A new referral or self-report has arrived through the website.\n\n"
            "Read it in the protected queue (two-factor sign-in required):\n%(url)s\n\n"
            "This message deliberately contains nothing of the referral itself."
        ) % {"url": queue_url}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # noqa: BLE001 - the referral is saved; a mail outage must not lose it
        logger.warning("The new-referral notification could not be sent.")
