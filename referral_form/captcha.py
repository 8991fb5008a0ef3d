"""django-recaptcha, used only when keys are configured, with network errors made into form errors."""

from urllib.error import URLError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_recaptcha.constants import DEFAULT_RECAPTCHA_DOMAIN
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox


def content_security_policy() -> dict[str, list[str]]:
    """What the form page's Content-Security-Policy must allow for the reCAPTCHA checkbox (Google's list)."""
    domain = getattr(settings, "RECAPTCHA_DOMAIN", DEFAULT_RECAPTCHA_DOMAIN)
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    }


class CheckboxWidget(ReCaptchaV2Checkbox):
    """The checkbox without the stock inline `<script>` (an unused callback that the page's
    Content-Security-Policy would refuse): only Google's script file and the box."""

    template_name = "referral_form/captcha_widget.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class ResilientReCaptchaField(ReCaptchaField):
    """The stock field lets a network error at the captcha service escape as a 500."""

    default_error_messages = {
        **ReCaptchaField.default_error_messages,
        "captcha_invalid": _("Please confirm that you are not a robot."),
        "captcha_error": _("We could not check the 'I am not a robot' box just now. Please try again, or call us."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", CheckboxWidget)
        kwargs.setdefault("label", _("Confirm that you are not a robot"))
        super().__init__(**kwargs)

    def validate(self, value):
        try:
            super().validate(value)
        except (URLError, OSError, TimeoutError) as error:
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from error
