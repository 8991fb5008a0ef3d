"""Closed cases and spam are deleted after the retention period; open cases never are."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from referral_form.models import Referral, ReferralAuditEntry, ReferralStatus

pytestmark = pytest.mark.django_db


def make(status, days_ago, n=[0]):  # noqa: B006 - a counter for unique digests
    n[0] += 1
    return Referral.objects.create(
        language="fi", receipt_digest=f"{n[0]:064d}", writer_role="self", sharing_level="anonymous",
        description="x", status=status, status_changed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_purge_deletes_only_expired_closed_and_spam(settings):
    settings.REFERRAL_RETENTION_DAYS = 30
    old_closed = make(ReferralStatus.CLOSED, 31)
    old_spam = make(ReferralStatus.SPAM, 40)
    recent_closed = make(ReferralStatus.CLOSED, 5)
    old_open = make(ReferralStatus.IN_REVIEW, 400)
    old_accepted = make(ReferralStatus.ACCEPTED, 400)
    call_command("purge_referrals", stdout=open("/dev/null", "w"))  # noqa: SIM115
    remaining = set(Referral.objects.values_list("pk", flat=True))
    assert remaining == {recent_closed.pk, old_open.pk, old_accepted.pk}
    entries = ReferralAuditEntry.objects.filter(action="retention")
    assert {e.referral_reference for e in entries} == {old_closed.reference, old_spam.reference}


def test_dry_run_deletes_nothing(settings):
    settings.REFERRAL_RETENTION_DAYS = 1
    make(ReferralStatus.CLOSED, 10)
    call_command("purge_referrals", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Referral.objects.count() == 1


def test_expiry_date_is_shown_for_ended_cases(settings):
    settings.REFERRAL_RETENTION_DAYS = 30
    closed = make(ReferralStatus.CLOSED, 10)
    assert closed.expires_on() == (closed.status_changed_at + datetime.timedelta(days=30)).date()
    assert make(ReferralStatus.NEW, 10).expires_on() is None
