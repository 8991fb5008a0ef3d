from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralFormConfig(AppConfig):
    name = "referral_form"
    verbose_name = _("Referrals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from referral_form import views
        from referral_form.models import ReferralFormPage

        ReferralFormPage.views_module = views
