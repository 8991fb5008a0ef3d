"""Forms of the staff queue in the Wagtail admin: filters, handling actions and the TOTP code."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pages.vocabulary import ExploitationKind
from referral_form.models import REGION_CHOICES, ReferralStatus, WriterRole

HANDLE_PERMISSION = "referral_form.handle_referral"

ASSIGNEE_ME = "me"
ASSIGNEE_NOBODY = "none"


def referral_handlers():
    """Active users who may handle referrals: by group, by their own permission, or as superusers."""
    app_label, codename = HANDLE_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


class QueueFilterForm(forms.Form):
    """GET filters of the queue; plain selects, so they work without JavaScript."""

    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Any status")), *ReferralStatus.choices],
    )
    writer_role = forms.ChoiceField(
        label=_("Who wrote"), required=False,
        choices=[("", _("Anyone")), *WriterRole.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("Any region")), *REGION_CHOICES],
    )
    kind = forms.ChoiceField(
        label=_("Kind of exploitation"), required=False, choices=[("", _("Any kind")), *ExploitationKind.choices],
    )
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    expiring = forms.BooleanField(label=_("Only cases that expire soon"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", _("Anyone or nobody")),
            (ASSIGNEE_ME, _("Me")),
            (ASSIGNEE_NOBODY, _("Nobody")),
            *((str(user.pk), user_label(user)) for user in referral_handlers()),
        ]

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as codes only (for the audit log and the pagination links)."""
        if not self.is_valid():
            return {}
        active = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "", False):
                continue
            if value is True:
                value = "1"
            active[name] = str(value)
        return active


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ReferralStatus.choices)


class AssignForm(forms.Form):
    assignee = HandlerChoiceField(
        label=_("Assignee"), required=False, queryset=get_user_model().objects.none(),
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = referral_handlers()


def _message_text_field(label):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=settings.REFERRAL_MAX_TEXT_LENGTH,
    )


class NoteForm(forms.Form):
    """An internal note, for staff only; stored encrypted."""

    prefix = "note"
    text = _message_text_field(_("Internal note (staff only)"))


class ReplyForm(forms.Form):
    """A reply the reporter reads with their receipt code; stored encrypted."""

    prefix = "reply"
    text = _message_text_field(_("Reply to the reporter (they read it with their receipt code)"))


class TOTPCodeForm(forms.Form):
    token = forms.RegexField(
        label=_("6-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6 digits shown in your authenticator app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()
