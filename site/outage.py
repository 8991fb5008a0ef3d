"""What visitors get while the database is down: a 503 that needs no database, never a 500.

Any view that cannot reach the database ends here. A referral form that was being sent is shown again
with everything the visitor wrote and the "not sent, try again or call" message
(referral_form/outage.py); every other page gets the translated error page with the helpline. So
does a page that is not found: its page reads the menus from the database. The language is the one
of the URL prefix, which needs no database. Persistent connections recover by themselves when the
database returns (`CONN_HEALTH_CHECKS`), so no restart is needed.
"""

import logging

from django.db import InterfaceError, OperationalError

from pages import views as pages_views
from referral_form.outage import not_sent_response

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = "30"
DATABASE_ERRORS = (OperationalError, InterfaceError)


def outage_response(request, exception):
    # The error class only: its text may quote a query's parameters.
    logger.warning("database unavailable: %s", type(exception).__name__)
    response = not_sent_response(request) or pages_views.error_page(request, status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def page_not_found(request, exception=None):
    """The 404 handler (site/urls.py)."""
    try:
        return pages_views.page_not_found(request, exception)
    except DATABASE_ERRORS as error:
        return outage_response(request, error)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None  # not an outage: a programming error stays a 500 and is logged as one
        return outage_response(request, exception)
