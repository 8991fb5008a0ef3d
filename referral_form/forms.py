"""The public referral form: every message in the visitor's language, nothing they wrote lost."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from pages.vocabulary import ExploitationKind
from referral_form.models import (
    REGION_CHOICES,
    REPORTED_FIELDS,
    ContactMethod,
    Referral,
    SharingLevel,
    WriterRole,
    YesNoUnknown,
)

# Control characters other than tab, newline and carriage return are removed from free text, and
# invisible separators; the zero-width (non-)joiners stay: Persian and other scripts spell with them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff]")
SHORT = 200
PERSONAL = {"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}


def ascii_digits(text: str) -> str:
    """Any script's decimal digits as ASCII: an Arabic or Persian keyboard types ٠٤٠ or ۰۴۰ for 040."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def clean_text(value: str) -> str:
    """Line breaks as LF, no control characters, NFC (after the removal, which can join a letter to its
    accent), no surrounding space. Cleaning the result again changes nothing."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", value)).strip()


class WithoutMaxlength:
    """A field whose input has no `maxlength`: a browser would cut a pasted text there without a word.
    Text over the limit is refused with an error that names the limit, and the form shows all of it
    again."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class CleanCharField(WithoutMaxlength, forms.CharField):
    """A text field that strips control characters; markup is kept as text, never rendered."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value) if value else value


class TelInput(forms.TextInput):
    input_type = "tel"


class UncutEmailField(WithoutMaxlength, forms.EmailField):
    """An e-mail field without `maxlength` on its input."""


# Phone numbers, e-mail addresses and codes read left to right in every language, also inside an
# Arabic or Persian page.
LEFT_TO_RIGHT = {"dir": "ltr"}


def text_field(label, *, max_length=SHORT, help_text="", textarea=False, personal=False, rows=4,
               required=False, widget=None):
    attrs = dict(PERSONAL) if personal else {}
    if widget is None:
        widget = forms.Textarea(attrs={"rows": rows, **attrs}) if textarea else forms.TextInput(attrs=attrs)
    return CleanCharField(
        label=label, max_length=max_length, required=required, help_text=help_text, widget=widget
    )


def radio_field(label, choices, *, initial=None, required=False, help_text=""):
    """Radio buttons; a question left unanswered (a browser always sends the initial choice, a script
    need not) gets the initial choice, so that no row stores an empty answer."""
    return forms.TypedChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=required,
        initial=initial, help_text=help_text, empty_value=initial or "",
    )


class ReferralForm(forms.ModelForm):
    """What a reporter writes: the Referral fields of REPORTED_FIELDS, each declared here with the
    label, widget and limits the visitor sees, and the forms of exploitation. `referral_values()` is
    what a valid form stores; referral_form/submissions.py stores it."""

    writer_role = radio_field(_("Who is writing?"), WriterRole.choices, required=True)
    description = text_field(
        _("What happened?"),
        max_length=settings.REFERRAL_MAX_TEXT_LENGTH,
        help_text=_("Tell in your own words what has happened. You can write in any language."),
        textarea=True, rows=8, required=True,
    )
    exploitation_types = forms.MultipleChoiceField(
        label=_("What kind of exploitation do you suspect?"),
        choices=ExploitationKind.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Choose all that apply, or none if you are not sure."),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False,
        choices=[("", _("I don't know / I don't want to say")), *REGION_CHOICES],
    )
    municipality = text_field(_("Municipality or place"), personal=True)
    is_minor = radio_field(_("Is the person under 18?"), YesNoUnknown.choices, initial=YesNoUnknown.UNKNOWN)
    children_need_help = radio_field(
        _("Do children need help too?"), YesNoUnknown.choices, initial=YesNoUnknown.UNKNOWN
    )
    languages_spoken = text_field(_("Which languages does the person speak?"))
    interpreter_needed = radio_field(
        _("Is an interpreter needed?"), YesNoUnknown.choices, initial=YesNoUnknown.UNKNOWN
    )

    sharing_level = radio_field(
        _("How much do you want to share?"), SharingLevel.choices, initial=SharingLevel.ANONYMOUS,
        required=True,
    )
    contact_method = radio_field(
        _("How can we reach you safely?"), ContactMethod.choices, initial=ContactMethod.NONE, required=True
    )
    contact_phone = text_field(
        _("Phone number"), max_length=40, widget=TelInput(attrs={**PERSONAL, **LEFT_TO_RIGHT}),
    )
    contact_email = UncutEmailField(
        label=_("E-mail address"), required=False, max_length=SHORT,
        widget=forms.EmailInput(attrs={**PERSONAL, **LEFT_TO_RIGHT}),
    )
    safe_contact_times = text_field(
        _("When is it safe to call?"), personal=True,
        help_text=_("For example: weekdays after 6 pm. Leave empty if any time is fine."),
    )
    may_leave_message = radio_field(
        _("May we leave a message?"), YesNoUnknown.choices, initial=YesNoUnknown.UNKNOWN
    )

    person_name = text_field(_("The person's name"), personal=True)
    person_date_of_birth = text_field(_("The person's date of birth"), max_length=40, personal=True)
    person_nationality = text_field(_("The person's nationality"), max_length=100, personal=True)
    referrer_organisation = text_field(_("Your organisation"), personal=True)
    referrer_contact = text_field(
        _("Your name and contact details"), max_length=500, personal=True, textarea=True, rows=3
    )
    consent_confirmed = forms.BooleanField(
        label=_("The person has agreed that I share their details with the assistance system."),
        required=False,
    )

    # A field people never see or fill in; bots fill every field they find.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Referral
        fields = REPORTED_FIELDS

    PERSON_FIELDS = ("person_name", "person_date_of_birth", "person_nationality")
    REFERRER_FIELDS = ("referrer_organisation", "referrer_contact")
    CONTACT_FIELDS = ("contact_phone", "contact_email", "safe_contact_times")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.RECAPTCHA_ENABLED:
            from referral_form.captcha import ResilientReCaptchaField

            self.fields["captcha"] = ResilientReCaptchaField()

    @property
    def is_spam_trap_filled(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("writer_role")
        sharing = cleaned.get("sharing_level")
        method = cleaned.get("contact_method")

        person_given = [name for name in self.PERSON_FIELDS if cleaned.get(name)]
        if person_given and role != WriterRole.PROFESSIONAL:
            for name in person_given:
                self.add_error(name, _("Only officials and NGO workers referring a person can add these details."))
        if person_given and role == WriterRole.PROFESSIONAL and not cleaned.get("consent_confirmed"):
            self.add_error(
                "consent_confirmed",
                _("Confirm that the person has agreed, or remove their name, date of birth and "
                  "nationality to ask for a consultation without names."),
            )

        contact_given = [name for name in (*self.CONTACT_FIELDS, *self.REFERRER_FIELDS) if cleaned.get(name)]
        if sharing == SharingLevel.ANONYMOUS and contact_given:
            self.add_error(
                "sharing_level",
                _("You chose to stay anonymous but gave contact details. Choose 'confidential' "
                  "or remove the contact details."),
            )
        # A number or address that was given but refused already has its own error.
        if method == ContactMethod.PHONE and "contact_phone" not in self.errors and not cleaned.get("contact_phone"):
            self.add_error("contact_phone", _("Give a phone number, or choose another way to reach you."))
        if method == ContactMethod.EMAIL and "contact_email" not in self.errors and not cleaned.get("contact_email"):
            self.add_error("contact_email", _("Give an e-mail address, or choose another way to reach you."))
        if method in (ContactMethod.PHONE, ContactMethod.EMAIL) and sharing == SharingLevel.ANONYMOUS:
            self.add_error(
                "contact_method",
                _("We can only contact you if you share contact details. Choose 'confidential' "
                  "or 'Do not contact me'."),
            )
        return cleaned

    def clean_contact_phone(self) -> str:
        phone = ascii_digits(self.cleaned_data.get("contact_phone") or "")
        if phone and not re.fullmatch(r"[0-9+()\-\s./]{5,40}", phone):
            raise forms.ValidationError(_("Write the phone number with digits, for example +358 40 123 4567."))
        return phone

    @property
    def is_consultation(self) -> bool:
        data = self.cleaned_data
        return data.get("writer_role") == WriterRole.PROFESSIONAL and not data.get("consent_confirmed")

    @method_decorator(sensitive_variables())  # what the visitor wrote, in an error report
    def referral_values(self) -> dict:
        """The Referral fields that a valid form stores: without the person's consent nothing that
        identifies them, and nothing to contact anyone by for an anonymous report."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in REPORTED_FIELDS}
        consultation = self.is_consultation
        dropped = self.PERSON_FIELDS if consultation else ()
        if data.get("sharing_level") == SharingLevel.ANONYMOUS:
            dropped = (*dropped, *self.CONTACT_FIELDS, *self.REFERRER_FIELDS)
        values.update(dict.fromkeys(dropped, ""))
        values["is_consultation"] = consultation
        values["consent_confirmed"] = bool(data.get("consent_confirmed")) and not consultation
        return values

    def exploitation_kinds(self) -> list[str]:
        return list(self.cleaned_data.get("exploitation_types") or [])


class ReceiptCheckForm(forms.Form):
    receipt_code = CleanCharField(
        label=_("Your receipt code"), max_length=40,
        help_text=_("The 16 digits you got after sending your report. Spaces do not matter."),
        widget=forms.TextInput(attrs={**PERSONAL, **LEFT_TO_RIGHT, "inputmode": "numeric"}),
    )


class FollowUpForm(forms.Form):
    receipt_code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    # Not named form_token: outage.py tells the two forms apart by that name.
    follow_up_token = forms.CharField(widget=forms.HiddenInput, required=False)
    text = text_field(
        _("Add information"), max_length=settings.REFERRAL_MAX_TEXT_LENGTH, textarea=True, rows=5,
        required=True,
    )


class Unjudged:
    """A form shown again as it was sent, without judging it: one whose token had expired, one refused
    by the rate limit, or one that could not be stored while the database is down (validation could
    need it, referral_form/outage.py). It has no errors, so no field is marked invalid."""

    def full_clean(self):
        self._errors = ErrorDict()
        self.cleaned_data = {}


class UnjudgedReferralForm(Unjudged, ReferralForm):
    pass


class UnjudgedFollowUpForm(Unjudged, FollowUpForm):
    pass
