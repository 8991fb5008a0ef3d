"""Delete closed and spam referrals whose retention period has passed, and what is kept of the form
tokens that have expired (FormTokenUse: the receipt code a token was answered with, sealed).

Schedule daily, e.g. cron: `15 3 * * * cd /srv/site && .venv/bin/python manage.py purge_referrals`.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from referral_form.models import ENDED_STATUSES, Referral, ReferralAuditEntry
from referral_form.submissions import expired_token_uses, forget_expired_token_uses


class Command(BaseCommand):
    help = ("Delete closed and spam referrals older than REFERRAL_RETENTION_DAYS (since their last status change), "
            "and what is kept of expired form tokens.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.REFERRAL_RETENTION_DAYS)
        expired = Referral.objects.filter(status__in=ENDED_STATUSES, status_changed_at__lt=cutoff)
        references = [referral.reference for referral in expired.only("id")]
        if dry_run:
            self.stdout.write(f"{len(references)} referral(s) would be deleted.")
            tokens = expired_token_uses().count()
            self.stdout.write(f"{tokens} expired form token(s) would be forgotten.")
            return
        with transaction.atomic():
            expired.delete()
            ReferralAuditEntry.objects.bulk_create(
                ReferralAuditEntry(action=ReferralAuditEntry.Action.RETENTION, referral_reference=reference,
                                   detail=f"older than {settings.REFERRAL_RETENTION_DAYS} days")
                for reference in references
            )
        self.stdout.write(f"Deleted {len(references)} referral(s).")
        self.stdout.write(f"Forgot {forget_expired_token_uses()} expired form token(s).")
