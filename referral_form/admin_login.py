"""Wagtail's admin login, throttled per user name (site/urls.py mounts it at the admin's login URL)."""

from django.conf import settings
from django.core.cache import cache
from django.forms.utils import ErrorDict
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import LoginView

LOGIN_WINDOW_SECONDS = 15 * 60
TOO_MANY_LOGINS = _(
    "Too many failed sign-in attempts for this user name. Signing in with it is blocked for "
    "15 minutes; try again later."
)


def _login_failures_key(username: str) -> str:
    # A keyed hash of the user name only: no address or other request detail is kept.
    digest = salted_hmac("referral_form.admin_login_failures", username.strip().lower()).hexdigest()
    return f"admin-login-failures:{digest}"


def login_failures(username: str) -> int:
    return cache.get(_login_failures_key(username), 0)


def count_login_failure(username: str) -> None:
    key = _login_failures_key(username)
    # The window starts at the first failure and is not extended by later ones.
    cache.add(key, 0, timeout=LOGIN_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=LOGIN_WINDOW_SECONDS)


class ThrottledLoginView(LoginView):
    """Wagtail's admin login, refusing a user name after ADMIN_LOGIN_ATTEMPTS failures in 15 minutes."""

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if username.strip() and login_failures(username) >= settings.ADMIN_LOGIN_ATTEMPTS:
            # Refuse without checking the password at all.
            form = self.get_form()
            form.cleaned_data = {}
            form._errors = ErrorDict()
            form.add_error(None, TOO_MANY_LOGINS)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        if username.strip():
            count_login_failure(username)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_login_failures_key(self.request.POST.get("username", "")))
        return super().form_valid(form)
