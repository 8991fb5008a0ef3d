from django.core.management.base import BaseCommand, CommandError

from referral_form.key_check import KeysDoNotReadStoredData, check_keys_read_stored_data


class Command(BaseCommand):
    help = "Refuse (exit non-zero) unless REFERRAL_ENCRYPTION_KEYS decrypts the referrals already stored."

    def handle(self, *args, **options):
        try:
            read = check_keys_read_stored_data()
        except KeysDoNotReadStoredData as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Referral keys read the stored data ({read} values checked).")
