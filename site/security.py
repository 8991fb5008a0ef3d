"""Security headers on every response: Content-Security-Policy, Permissions-Policy and their kin.

Django's SecurityMiddleware already sends HSTS (production, HTTPS only), `nosniff` and
`Cross-Origin-Opener-Policy`; XFrameOptionsMiddleware sends `X-Frame-Options`. This middleware adds
what Django 5.2 does not have:

- **Referrer-Policy, decided here alone.** Public responses get `SECURE_REFERRER_POLICY`
  (`no-referrer`; Django's SecurityMiddleware sends the same setting), also those that
  SecurityMiddleware never sees (the health check). A public view may set a stricter policy on its
  own response: it is kept. The admin (`WAGTAILADMIN_PATH`) gets `same-origin`: with `no-referrer`
  browsers send `Origin: null` on form posts, and Django's CSRF check then refuses every admin form
  (the login first). Public pages keep `no-referrer`: their only form, the referral form, carries its
  own signed token instead of relying on the Origin header.

- **Content-Security-Policy.** Public pages run only our own script files: no inline script, no
  `eval`, nothing from another origin. The admin's scripts are files too, except a few small inline
  initialisers in Wagtail's templates; our copies of those templates carry this request's nonce
  (`{% csp_nonce %}`), so the admin policy allows that nonce and never `'unsafe-inline'` for scripts.
  The admin allows inline *styles* (Wagtail's templates use style attributes). A view may widen
  its own response's policy by setting `response.csp_update = {"script-src": [...], ...}`: the
  referral form does so for reCAPTCHA, and only when reCAPTCHA is configured.
- **frame-ancestors 'none'** everywhere, except responses that a view marked `X-Frame-Options:
  SAMEORIGIN` (Wagtail's preview, shown in the editor's own iframe): those get `'self'`.
- **Permissions-Policy** denies the powerful browser features: a page about trafficking never needs
  the camera, the microphone or the visitor's location.
- **Cross-Origin-Resource-Policy: same-origin**: other sites cannot embed our responses.

It runs first, so it also covers the health check, static files and pages from the page cache.
"""

import secrets
from contextvars import ContextVar

from django.conf import settings

ADMIN_REFERRER_POLICY = "same-origin"

# Features a visitor's browser must never grant to our pages (each `feature=()` means "nobody").
DENIED_FEATURES = (
    "accelerometer", "autoplay", "bluetooth", "camera", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi",
    "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking", "browsing-topics",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)

PUBLIC_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # + this request's nonce
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],  # the live preview
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

_nonce: ContextVar[str | None] = ContextVar("csp_nonce", default=None)


def csp_nonce() -> str:
    """This request's script nonce (made on first use; empty outside a request)."""
    value = _nonce.get()
    if value is None:
        return ""
    if not value:
        value = secrets.token_urlsafe(18)
        _nonce.set(value)
    return value


def is_admin(request) -> bool:
    return request.path_info.startswith(f"/{settings.WAGTAILADMIN_PATH}")


def _policy_for(request, response) -> dict[str, list[str]]:
    policy = {name: list(sources) for name, sources in (ADMIN_POLICY if is_admin(request) else PUBLIC_POLICY).items()}
    media = list(getattr(settings, "CSP_MEDIA_ORIGINS", []))
    policy["img-src"] += media
    policy.setdefault("media-src", ["'self'"]).extend(media)
    nonce = _nonce.get()
    if nonce:
        policy["script-src"].append(f"'nonce-{nonce}'")
    for name, sources in getattr(response, "csp_update", {}).items():
        policy.setdefault(name, []).extend(sources)
    framed_by_us = response.headers.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    policy["frame-ancestors"] = ["'self'"] if framed_by_us else ["'none'"]
    if getattr(settings, "CSP_UPGRADE_INSECURE_REQUESTS", False):
        policy["upgrade-insecure-requests"] = []
    return policy


def render_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *dict.fromkeys(sources)]) for name, sources in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _nonce.set("")  # a nonce is made only if a template asks for one
        try:
            response = self.get_response(request)
            headers = response.headers
            if "Content-Security-Policy" in headers and not getattr(response, "csp_by_site", False):
                # A view's own stricter policy (Wagtail's documents and images: default-src 'none').
                if "frame-ancestors" not in headers["Content-Security-Policy"]:
                    headers["Content-Security-Policy"] += "; frame-ancestors 'none'"
            else:
                # (Wagtail renders a preview by passing a made-up request through the middleware: the
                # page's response comes back here as the admin's, and gets the admin's policy.)
                headers["Content-Security-Policy"] = render_policy(_policy_for(request, response))
                response.csp_by_site = True
        finally:
            _nonce.reset(token)
        if is_admin(request):
            headers["Referrer-Policy"] = ADMIN_REFERRER_POLICY
        else:
            headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        # Django's SecurityMiddleware sends these too, but the health check answers before it runs.
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def give_choosers_a_nonce() -> None:
    """Wagtail's chooser widgets (page, image, document, snippet) write their initialiser as an inline
    `<script>` from Python, where no template can add the nonce; add it to that one tag.

    The widget's own HTML comes from an escaping template, so the only `<script>` in the output is
    Wagtail's, which ends it.
    """
    from django.utils.safestring import mark_safe
    from wagtail.admin.widgets.chooser import BaseChooser

    original = BaseChooser.render
    if getattr(original, "adds_csp_nonce", False):
        return

    def render(self, name, value, attrs=None, renderer=None):
        html = original(self, name, value, attrs, renderer)
        head, tag, tail = html.rpartition("<script>")
        if not tag:
            return html
        return mark_safe(f'{head}<script nonce="{csp_nonce()}">{tail}')  # noqa: S308 - Wagtail's own output

    render.adds_csp_nonce = True
    BaseChooser.render = render
