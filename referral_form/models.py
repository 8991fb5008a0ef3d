"""The referral form page, the submissions and their messages and audit log.

Everything a reporter writes is stored in EncryptedTextFields. Nothing about the request (address,
user agent, headers) is stored anywhere.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from pages.blocks import BodyStreamBlock
from pages.models import BasePage
from pages.vocabulary import ExploitationKind, Region
from referral_form.fields import EncryptedTextField

# Where the exploitation took place: Finland's regions from the site's one list (pages/vocabulary.py),
# without "Whole of Finland", and abroad.
ABROAD = "abroad"
REGION_CHOICES = [
    *(choice for choice in Region.choices if choice[0] != Region.WHOLE_COUNTRY),
    (ABROAD, _("Outside Finland")),
]


class WriterRole(models.TextChoices):
    SELF = "self", _("I need help myself")
    CONCERNED = "concerned", _("I am worried about someone")
    PROFESSIONAL = "professional", _("I am an official or NGO worker referring a person")


class SharingLevel(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous: I share nothing that identifies anyone")
    CONFIDENTIAL = "confidential", _("Confidential: my contact details are for the assistance system only")
    IDENTIFIED = "identified", _("I am willing to be identified")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("I don't know")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    NONE = "none", _("Do not contact me")


class ReferralStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Accepted as a client")
    REFERRED = "referred", _("Referred elsewhere")
    NOT_A_CASE = "not_a_case", _("Not a case")
    SPAM = "spam", _("Spam")
    CLOSED = "closed", _("Closed")


# Statuses after which the retention clock runs.
ENDED_STATUSES = {ReferralStatus.CLOSED, ReferralStatus.SPAM}


class ReferralFormPage(RoutablePageMixin, BasePage):
    """The anonymous referral and self-report form, with its receipt-check sub-page."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("text above the form"))
    check_introduction = models.TextField(
        _("introduction of the 'check my report' page"), blank=True
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("check_introduction"),
    ]

    template = "referral_form/referral_form_page.html"
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("referral form page")

    # The module of the two views, attached by ReferralFormConfig.ready() (apps.py): views.py imports
    # this module, so this module does not import it back.
    views_module = None

    # Error reports hide everything these two pages receive (site/error_reports.py).
    @path("")
    @method_decorator(sensitive_post_parameters())
    def form_view(self, request):
        return type(self).views_module.referral_form_view(self, request)

    @path("check/")
    @method_decorator(sensitive_post_parameters())
    def check_view(self, request):
        return type(self).views_module.receipt_check_view(self, request)


class Referral(models.Model):
    """One submission. Personal and free-text fields are encrypted; metadata is not."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)

    writer_role = models.CharField(_("who wrote"), max_length=20, choices=WriterRole.choices)
    sharing_level = models.CharField(
        _("how much they share"), max_length=20, choices=SharingLevel.choices
    )
    is_consultation = models.BooleanField(
        _("consultation without names"), default=False,
        help_text=_("An official's referral without the person's consent: nothing identifying is kept."),
    )
    consent_confirmed = models.BooleanField(_("the person has consented"), default=False)

    # The forms of exploitation suspected: ReferralExploitation rows, one per form.
    region = models.CharField(_("region"), max_length=40, choices=REGION_CHOICES, blank=True, default="")
    is_minor = models.CharField(
        _("the person is a minor"), max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    children_need_help = models.CharField(
        _("children need help too"), max_length=10, choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )
    interpreter_needed = models.CharField(
        _("interpreter needed"), max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    contact_method = models.CharField(
        _("how to make contact"), max_length=10, choices=ContactMethod.choices, default=ContactMethod.NONE
    )
    may_leave_message = models.CharField(
        _("a message may be left"), max_length=10, choices=YesNoUnknown.choices,
        default=YesNoUnknown.UNKNOWN,
    )

    # Encrypted at rest
    description = EncryptedTextField(_("what happened"))
    municipality = EncryptedTextField(_("municipality or place"), blank=True, default="")
    languages_spoken = EncryptedTextField(_("languages the person speaks"), blank=True, default="")
    contact_phone = EncryptedTextField(_("phone"), blank=True, default="")
    contact_email = EncryptedTextField(_("e-mail"), blank=True, default="")
    safe_contact_times = EncryptedTextField(_("when it is safe to call"), blank=True, default="")
    person_name = EncryptedTextField(_("the person's name"), blank=True, default="")
    person_date_of_birth = EncryptedTextField(_("the person's date of birth"), blank=True, default="")
    person_nationality = EncryptedTextField(_("the person's nationality"), blank=True, default="")
    referrer_organisation = EncryptedTextField(_("referrer's organisation"), blank=True, default="")
    referrer_contact = EncryptedTextField(_("referrer's contact details"), blank=True, default="")

    # Handling
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.NEW, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_referrals", verbose_name=_("assignee"),
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-received_at"]
        permissions = [("handle_referral", "Can read and handle referrals")]

    def __str__(self) -> str:
        return f"{self.reference} ({self.received_at:%Y-%m-%d})"

    @property
    def reference(self) -> str:
        """A short reference for staff: never the receipt code."""
        return self.id.hex[:8].upper()

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED_STATUSES

    def expires_on(self) -> datetime.date | None:
        """When the retention command will delete this case, or None while it is open."""
        if not self.is_ended:
            return None
        days = settings.REFERRAL_RETENTION_DAYS
        return (self.status_changed_at + datetime.timedelta(days=days)).date()


# What a reporter fills in, in the form's order (the forms of exploitation, ReferralExploitation
# rows, come after the description). The referral form is a ModelForm of these fields; the submission
# and the staff's view of a case take them from here.
REPORTED_FIELDS = (
    "writer_role", "description", "region", "municipality", "is_minor", "children_need_help",
    "languages_spoken", "interpreter_needed", "sharing_level", "contact_method", "contact_phone",
    "contact_email", "safe_contact_times", "may_leave_message", "person_name", "person_date_of_birth",
    "person_nationality", "consent_confirmed", "referrer_organisation", "referrer_contact",
)


class ReferralExploitation(models.Model):
    """One form of exploitation that a referral suspects (the site's one list, pages/vocabulary.py)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="exploitation_kinds")
    kind = models.CharField(_("form of exploitation"), max_length=20, choices=ExploitationKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "kind"], name="referral_exploitation_once"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class ReferralMessage(models.Model):
    """Follow-up information from the reporter, a reply from staff, or an internal note."""

    class Kind(models.TextChoices):
        FROM_REPORTER = "reporter", _("From the reporter")
        REPLY = "reply", _("Reply to the reporter")
        NOTE = "note", _("Internal note")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class ReferralAuditEntry(models.Model):
    """Who did what to which referral, and when. Holds no referral content."""

    class Action(models.TextChoices):
        LIST = "list", _("Viewed the list")
        VIEW = "view", _("Viewed")
        STATUS = "status", _("Changed the status")
        ASSIGN = "assign", _("Changed the assignee")
        NOTE = "note", _("Added an internal note")
        REPLY = "reply", _("Replied to the reporter")
        DELETE = "delete", _("Deleted")
        RETENTION = "retention", _("Deleted by the retention rule")
        DENIED = "denied", _("Was denied access")

    timestamp = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    referral_reference = models.CharField(max_length=8, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-timestamp"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.referral_reference}"


class FormTokenUse(models.Model):
    """A form token that has stored something: the same form sent again (a reload of the confirmation,
    a double tap, Back and send) stores nothing more and gets the same answer.

    Nothing about the visitor: a hash of the token's random nonce, the receipt code the report got,
    sealed with a key that only the token gives (empty for a follow-up), and when the token expires.
    Expired rows are deleted when something is stored and by `purge_referrals`.
    """

    nonce_digest = models.CharField(max_length=64, primary_key=True)
    receipt = models.TextField(blank=True, default="")
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"form token used, expires {self.expires_at:%Y-%m-%d %H:%M}"
