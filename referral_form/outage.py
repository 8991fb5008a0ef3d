"""The referral form while the database is down: "not sent", with everything the visitor wrote.

The same for a follow-up sent from the "check my report" page.

website.outage calls `not_sent_response` for any request that could not reach the database. For a
referral form being sent (a POST carrying the form's token) it answers 503 with the form shown again
and the helpline to call. Nothing on the way may need the database: not the page (routing reads it),
not the site's menus, and not validation, so the page stands alone. Every choice list of the form
is fixed in the code (pages/vocabulary.py, referral_form/models.py), so the form is shown whole,
with what the visitor chose still chosen.
"""

from django.shortcuts import render

from pages.cache import contact_settings_without_database
from referral_form.forms import UnjudgedFollowUpForm, UnjudgedReferralForm
from referral_form.views import NOT_SENT, private, with_usable_token


def not_sent_response(request):
    """The referral form (with its token while valid, else a fresh one) or the follow-up form of the
    "check my report" page again, with NOT_SENT; None when the request sent neither."""
    if request.method != "POST":
        return None
    context = {"form_message": NOT_SENT, "contact": contact_settings_without_database(request)}
    if "form_token" in request.POST:
        form = context["form"] = UnjudgedReferralForm(with_usable_token(request.POST))
    elif "receipt_code" in request.POST and "text" in request.POST:
        form = context["follow_up"] = UnjudgedFollowUpForm(request.POST)
    else:
        return None
    return private(render(request, "referral_form/not_sent.html", context, status=503), form)
