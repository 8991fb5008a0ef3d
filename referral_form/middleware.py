"""Referral handlers are signed out after a short time without activity.

A handler's session opens the most sensitive data of the site; a handler who walks away from an
unlocked screen must not leave the queue open. After REFERRAL_HANDLER_IDLE_MINUTES without a
request of their own, the next request signs them out and sends them to the login page with a
message. Wagtail's background pings (the editor's "who else is editing" check every few seconds)
do not count as activity: an editing page left open must not keep the session alive.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from referral_form.admin_forms import HANDLE_PERMISSION

LAST_ACTIVITY_KEY = "referral_handler_last_activity"
BACKGROUND_PREFIXES = (f"/{settings.WAGTAILADMIN_PATH}editing-sessions/",)
# Writing the session on every request would cost a database write each; a minute's precision is enough.
WRITE_INTERVAL_SECONDS = 60
SIGNED_OUT = _("You were signed out because you were inactive for %(minutes)d minutes. Sign in again to go on.")


class HandlerIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.has_perm(HANDLE_PERMISSION):
            signed_out = self._check(request)
            if signed_out is not None:
                return signed_out
        return self.get_response(request)

    def _check(self, request):
        now = time.time()
        limit = settings.REFERRAL_HANDLER_IDLE_MINUTES * 60
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - last > limit:
            logout(request)  # flushes the session: a new key, nothing of the old one kept
            messages.info(request, SIGNED_OUT % {"minutes": settings.REFERRAL_HANDLER_IDLE_MINUTES})
            next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
            return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': next_url})}")
        if not request.path_info.startswith(BACKGROUND_PREFIXES) and (
            last is None or now - last >= WRITE_INTERVAL_SECONDS
        ):
            request.session[LAST_ACTIVITY_KEY] = now
        return None
