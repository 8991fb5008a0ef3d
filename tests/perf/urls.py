"""URLs of `make bench` only (tests/perf/settings.py): the site's own, plus the floor, a bare view
through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from website.urls import handler404, handler500  # noqa: F401
from website.urls import urlpatterns as site_urlpatterns


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench-floor/", floor), *site_urlpatterns]
