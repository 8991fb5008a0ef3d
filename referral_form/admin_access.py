"""Who may use the staff queue, and the audit log every use of it writes.

Every queue URL goes through `staff_queue_view`:
- anonymous visitors are sent to the admin login;
- users without admin access or `referral_form.handle_referral` get 403 (and a DENIED audit entry);
- handlers (superusers included) who have not confirmed a TOTP code in this session are sent to
  set up or verify their second factor (and a DENIED audit entry says so).
Each of these refusals is also logged on `referral_form.access` (see `log_denial`).
"""

import logging
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import user_has_device
from wagtail.admin.auth import require_admin_access

from referral_form.admin_forms import HANDLE_PERMISSION
from referral_form.models import ReferralAuditEntry

Action = ReferralAuditEntry.Action
ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"
SECOND_FACTOR_REQUIRED = "second factor required"

access_log = logging.getLogger("referral_form.access")


def record_audit(user, action, reference="", detail=""):
    """Write one audit entry. `detail` must never hold referral text: codes and user names only."""
    return ReferralAuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        referral_reference=reference[:8],
        detail=detail[:200],
    )


def _reference_from_kwargs(kwargs) -> str:
    pk = kwargs.get("pk")
    return pk.hex[:8].upper() if hasattr(pk, "hex") else ""


def second_factor_verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def safe_next_url(request, default=None):
    """The `next` parameter if it points to this site, else the queue."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse("referrals:list")


def _url_name(request) -> str:
    return request.resolver_match.url_name


def log_denial(request, reason: str) -> None:
    """One WARNING per refused queue request: a user id, the method and the URL name, nothing else.

    Never the address, user agent, query string or anything of a case: the URL name says which
    kind of page was asked for, not which case.
    """
    user = request.user
    access_log.warning(
        "Queue access denied: user=%s method=%s url=%s reason=%s",
        user.pk if user.is_authenticated else "anonymous", request.method, _url_name(request), reason,
    )


def deny(request, reference=""):
    """403 with a DENIED audit entry. Says nothing about whether the case exists."""
    log_denial(request, "no permission")
    record_audit(request.user, Action.DENIED, reference=reference, detail=f"{request.method} {_url_name(request)}")
    return TemplateResponse(request, "referral_form/admin/denied.html", {}, status=403)


def require_second_factor(request, reference=""):
    """Send a handler without a confirmed TOTP code in this session to set it up or verify it."""
    user = request.user
    log_denial(request, SECOND_FACTOR_REQUIRED)
    record_audit(
        user, Action.DENIED, reference=reference,
        detail=f"{request.method} {_url_name(request)}: {SECOND_FACTOR_REQUIRED}",
    )
    next_url = request.get_full_path() if request.method == "GET" else reverse("referrals:list")
    name = "referrals:two_factor_verify" if user_has_device(user) else "referrals:two_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


def staff_queue_view(view_func=None, *, second_factor=True):
    """The one access check of every queue URL; `second_factor=False` only for the TOTP pages.

    It runs before Wagtail's own admin check (which it then applies, for the user's admin language
    and time zone), so that every refusal, an anonymous one included, is logged here.
    """

    def decorator(view):
        admin_view = require_admin_access(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                log_denial(request, "not signed in")
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            reference = _reference_from_kwargs(kwargs)
            if not user.has_perms([ADMIN_ACCESS_PERMISSION, HANDLE_PERMISSION]):
                return deny(request, reference)
            if second_factor and not second_factor_verified(user):
                return require_second_factor(request, reference)
            return admin_view(request, *args, **kwargs)

        return never_cache(wrapped)

    return decorator(view_func) if view_func is not None else decorator
