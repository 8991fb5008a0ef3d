from django.db import models
from django.views.decorators.debug import sensitive_variables

from referral_form import crypto


class EncryptedTextField(models.TextField):
    """Text that is stored encrypted (see crypto.py) and decrypted when read.

    It cannot be searched, filtered or ordered in the database, by design.
    """

    description = "Text encrypted at rest"

    @sensitive_variables()  # the plain text, in an error report
    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt_from_storage(value)

    @sensitive_variables()  # the plain text, in an error report
    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt_for_storage(str(value))
