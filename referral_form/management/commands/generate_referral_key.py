from django.core.management.base import BaseCommand

from referral_form import crypto


class Command(BaseCommand):
    help = "Print a new key for REFERRAL_ENCRYPTION_KEYS (put it first in the list to start using it)."

    def handle(self, *args, **options):
        self.stdout.write(crypto.generate_key())
