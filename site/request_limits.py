"""Refuse an over-long request body before anything reads it.

The size comes from the Content-Length header, so a 1 GB upload is answered with 413 while its first
bytes are still arriving; the body is never read. Public paths allow `REQUEST_BODY_MAX_BYTES` (well
above the largest valid referral), the admin `ADMIN_REQUEST_BODY_MAX_BYTES` (document and image
uploads). A public body without a Content-Length (chunked) is refused the same way: its size is
unknown until it has been read, and browsers never send forms that way. The 413 page needs no
database and is in the language of the URL's prefix.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from pages.views import error_helpline


def is_too_large(request) -> bool:
    if request.path_info.startswith(f"/{settings.WAGTAILADMIN_PATH}"):
        return declared_length(request) > settings.ADMIN_REQUEST_BODY_MAX_BYTES
    chunked = "HTTP_TRANSFER_ENCODING" in request.META
    return chunked or declared_length(request) > settings.REQUEST_BODY_MAX_BYTES


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body with an unreadable length either


def too_large_response(request) -> HttpResponse:
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        page = render_to_string("413.html", error_helpline(request))
    response = HttpResponse(page, status=413)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_too_large(request):
            return too_large_response(request)
        return self.get_response(request)
