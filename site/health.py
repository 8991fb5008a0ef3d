"""`/healthz` for load balancers and orchestrators: is this process able to serve?

Answers before any other middleware (no host check, no HTTPS redirect, no session, no cookies),
checks the database and the cache, and says only "ok" or "unavailable": no versions, hosts or errors.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import JsonResponse

PATH = "/healthz"
logger = logging.getLogger(__name__)


def check() -> dict[str, bool]:
    results = {}
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            results["database"] = cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("health check: the database is not answering")
        results["database"] = False
    try:
        token = secrets.token_hex(8)
        cache.set("healthz", token, 30)
        results["cache"] = cache.get("healthz") == token
    except Exception:  # noqa: BLE001 - any cache client error means "not healthy"
        logger.warning("health check: the cache is not answering")
        results["cache"] = False
    return results


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        results = check()
        healthy = all(results.values())
        checks = {name: "ok" if passed else "failed" for name, passed in results.items()}
        response = JsonResponse(
            {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
        )
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
