"""django-recaptcha, used only when keys are configured, with network errors made into form errors."""

from urllib.error import URLError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox


class ResilientReCaptchaField(ReCaptchaField):
    """The stock field lets a network error at the captcha service escape as a 500."""

    default_error_messages = {
        **ReCaptchaField.default_error_messages,
        "captcha_invalid": _("Please confirm that you are not a robot."),
        "captcha_error": _("We could not check the 'I am not a robot' box just now. Please try again, or call us."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", ReCaptchaV2Checkbox)
        kwargs.setdefault("label", _("Confirm that you are not a robot"))
        super().__init__(**kwargs)

    def validate(self, value):
        try:
            super().validate(value)
        except (URLError, OSError, TimeoutError) as error:
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from error
