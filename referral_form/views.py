"""The public referral form and the "check my report" page.

Both are sent with `Cache-Control: no-store`, set no cookie (a signed form token replaces the CSRF
cookie), and store nothing about the request.
"""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from pages.cache import contact_settings_without_database
from referral_form import captcha, crypto, ratelimit
from referral_form.form_token import FOLLOW_UP_TOKEN_SALT, form_token_is_valid, new_form_token, read_form_token
from referral_form.forms import FollowUpForm, ReceiptCheckForm, ReferralForm, UnjudgedReferralForm
from referral_form.models import ReferralMessage, ReferralStatus
from referral_form.submissions import add_reporter_message, create_referral, find_by_receipt, receipt_for_token

logger = logging.getLogger(__name__)

NOT_SENT = _(
    "Your report was not sent because of a technical problem. Your text is still in the form: "
    "please try again in a moment, or call us."
)
FORM_EXPIRED = _(
    "The form was open for a long time, so for your safety we did not send it yet. Your text is "
    "still here: check it and send it again."
)
TOO_MANY = _("Too many attempts from this connection. Please wait an hour and try again, or call us.")
NOT_FOUND = _(
    "We could not find a report with that code. Check the 16 digits and try again. "
    "If you have lost the code, you can call us or send a new report."
)

# What a reporter sees of the staff's status: no internal judgements such as "spam".
PUBLIC_STATUS = {
    ReferralStatus.NEW: _("Received: waiting to be read"),
    ReferralStatus.IN_REVIEW: _("Being handled"),
    ReferralStatus.ACCEPTED: _("Handled"),
    ReferralStatus.REFERRED: _("Handled"),
    ReferralStatus.NOT_A_CASE: _("Handled"),
    ReferralStatus.SPAM: _("Closed"),
    ReferralStatus.CLOSED: _("Closed"),
}


def private(response, form=None):
    """Nothing of these pages may be kept by a shared device or any cache on the way. A form with
    Google's reCAPTCHA may load its script and frame: allowed on this response only."""
    patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
    response["Pragma"] = "no-cache"
    if form is not None and "captcha" in form.fields:
        response.csp_update = captcha.content_security_policy()
    return response


def _render(page, request, template, status=200, **extra):
    """Rendered here, inside the views' sensitive_variables(), so that an error report of a failed
    rendering shows none of the context (the visitor's text, the receipt code)."""
    context = page.get_context(request)
    context.update(extra)
    return private(TemplateResponse(request, template, context, status=status).render(), extra.get("form"))


def _stored(rendered, request, check_url, receipt_code=None):
    """`rendered()`, the page after something was stored. It runs after the commit and reads the
    database (menus, settings, the thread): if the database stops in between, the visitor must still
    learn that what they sent went through, or they would send it again. Then a page that needs no
    database says so, with the receipt code of the report."""
    try:
        return rendered()
    except DatabaseError as error:
        # The error class only: its text may quote a query's parameters. Not an outage (a query of
        # ours is wrong): the visitor still learns it was sent, and the log says ERROR.
        outage = isinstance(error, (OperationalError, InterfaceError))
        logger.log(logging.WARNING if outage else logging.ERROR,
                   "stored, then the page could not read the database: %s", type(error).__name__)
    context = {"receipt_code": receipt_code, "check_url": check_url,
               "contact": contact_settings_without_database(request)}
    return private(render(request, "referral_form/sent.html", context))


def _cross_site(request) -> bool:
    return request.headers.get("Sec-Fetch-Site", "") == "cross-site"


def with_token(data, token: str):
    data = data.copy()
    data["form_token"] = token
    return data


def with_usable_token(data):
    """The visitor's form with a token to send it again: their own while it is valid, else a new one.
    A token that has stored nothing may well be used again; and if it has (the database stopped
    after storing, before the answer), sending again shows that report's receipt instead of filing a
    second case."""
    token = data.get("form_token", "")
    return with_token(data, token if form_token_is_valid(token) else new_form_token())


@sensitive_variables()  # the text, while it is handled, and the receipt code
def referral_form_view(page, request):
    template = "referral_form/referral_form_page.html"
    if request.method != "POST":
        form = ReferralForm(initial={"form_token": new_form_token()})
        return _render(page, request, template, form=form)

    token = read_form_token(request.POST.get("form_token", ""))
    if token is None or _cross_site(request):
        # Re-show what they wrote, with a fresh token, without validating or saving anything.
        form = UnjudgedReferralForm(with_token(request.POST, new_form_token()))
        return _render(page, request, template, status=400, form=form, form_message=FORM_EXPIRED)
    # From here on a refused form (the rate limit, errors, "not sent") comes back with the same token:
    # it has stored nothing, so it stays valid, and whatever is sent from this one visit to the form
    # files one report at most. (With a new token at each error, a visitor who sent the corrected
    # form, went Back to the page of errors and sent it again would file a second case.)
    form = ReferralForm(request.POST)
    if form.is_spam_trap_filled:
        fake = crypto.format_receipt_code(crypto.new_receipt_code())  # looks the same; nothing stored
        return _render(page, request, "referral_form/confirmation.html", receipt_code=fake)
    if (earlier := receipt_for_token(token)) is not None:
        # Sent again (a reload of the confirmation, Back and send): nothing more is stored, the same
        # receipt. Before the rate limit: sending the same form again is not another attempt.
        # What was typed since is not added: the page says how to add it with the check page.
        return _confirmation(page, request, crypto.format_receipt_code(earlier), already_sent=True)
    if not ratelimit.allow(request, "referral-submit", settings.REFERRAL_SUBMISSIONS_PER_HOUR):
        form = UnjudgedReferralForm(request.POST)
        return _render(page, request, template, status=429, form=form, form_message=TOO_MANY)
    if not form.is_valid():
        return _render(page, request, template, status=400, form=form)
    try:
        code = create_referral(form, translation.get_language(), token)  # or the code of the same form sent at once
    except DatabaseError:
        return _render(page, request, template, status=503, form=form, form_message=NOT_SENT)
    return _confirmation(page, request, crypto.format_receipt_code(code))


def _confirmation(page, request, receipt_code, already_sent=False):
    return _stored(
        lambda: _render(page, request, "referral_form/confirmation.html", receipt_code=receipt_code,
                        already_sent=already_sent),
        request, check_url=request.path + "check/", receipt_code=receipt_code,
    )


@sensitive_variables()  # the receipt code and any follow-up text
def receipt_check_view(page, request):
    template = "referral_form/receipt_check.html"
    if request.method != "POST":
        return _render(page, request, template, form=ReceiptCheckForm())

    is_follow_up = "text" in request.POST
    form = FollowUpForm(request.POST) if is_follow_up else ReceiptCheckForm(request.POST)
    if _cross_site(request):
        return _render(page, request, template, status=400, form=ReceiptCheckForm(), form_message=NOT_FOUND)
    if not ratelimit.allow(request, "referral-check", settings.REFERRAL_CHECKS_PER_HOUR):
        return _render(page, request, template, status=429, form=ReceiptCheckForm(), form_message=TOO_MANY)
    referral = find_by_receipt(request.POST.get("receipt_code", ""))
    if referral is None:
        return _render(page, request, template, status=404, form=ReceiptCheckForm(), form_message=NOT_FOUND)

    code = crypto.normalise_receipt_code(request.POST["receipt_code"])
    follow_up = FollowUpForm(initial={"receipt_code": code, "follow_up_token": new_form_token(FOLLOW_UP_TOKEN_SALT)})
    if is_follow_up:
        if form.is_valid():
            # Its token makes a follow-up single-use: sent again (a reload), it is not added twice. A
            # refused one comes back with the same token (it has stored nothing). One without a valid
            # token (a page opened before follow-ups had one, or a token that expired while the visitor
            # wrote) is added all the same: the receipt code is what protects a follow-up, not the token.
            token = read_form_token(form.cleaned_data["follow_up_token"], FOLLOW_UP_TOKEN_SALT)
            try:
                add_reporter_message(referral, form.cleaned_data["text"], token)
            except DatabaseError:
                follow_up = form
                return _report_status(page, request, referral, follow_up, form_message=NOT_SENT, status=503)
            return _stored(lambda: _report_status(page, request, referral, follow_up, message_sent=True),
                           request, check_url=request.path)
        follow_up = form
    return _report_status(page, request, referral, follow_up)


def _report_status(page, request, referral, follow_up, status=200, **extra):
    messages = referral.messages.exclude(kind=ReferralMessage.Kind.NOTE).order_by("created_at")
    return _render(
        page, request, "referral_form/report_status.html", status=status,
        referral=referral, public_status=PUBLIC_STATUS[referral.status], thread=list(messages),
        follow_up=follow_up, **extra,
    )
