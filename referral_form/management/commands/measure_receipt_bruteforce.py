"""How long would guessing a live receipt code take? Measured on this installation.

Counts how many checks one address gets through the real rate limiter (on the configured cache,
under a documentation address that no visitor has, removed afterwards), times the scrypt look-up of
one check, and prints the expected time to hit any live code by guessing, for one address and for
many. Reads the number of live referrals from the database unless `--live` is given. Stores nothing.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test import RequestFactory

from referral_form import crypto, ratelimit
from referral_form.models import Referral

SCOPE = "referral-check"  # the receipt check view's rate-limit scope
PROBE_ADDRESS = "192.0.2.1"  # TEST-NET-1 (RFC 5737): never a real visitor
HOURS_PER_YEAR = 24 * 365.25


def guesses_per_window(limit: int) -> int:
    """Checks the limiter lets one address make before it refuses one."""
    request = RequestFactory().post("/", REMOTE_ADDR=PROBE_ADDRESS)
    key = ratelimit.visitor_key(request, SCOPE)
    cache.delete(key)
    try:
        allowed = 0
        while allowed <= limit and ratelimit.allow(request, SCOPE, limit):
            allowed += 1
        return allowed
    finally:
        cache.delete(key)


def milliseconds_per_check(rounds: int) -> float:
    codes = [crypto.new_receipt_code() for _ in range(rounds)]
    start = time.perf_counter()
    for code in codes:
        crypto.receipt_digest(code)
    return (time.perf_counter() - start) * 1000 / rounds


def readable_years(hours: float) -> str:
    years = hours / HOURS_PER_YEAR
    return f"{years:,.0f} years" if years >= 1 else f"{hours:,.1f} hours"


class Command(BaseCommand):
    help = "Measure the receipt check's rate limit and scrypt cost; print the expected time to guess a live code."

    def add_arguments(self, parser):
        parser.add_argument("--live", type=int, help="live referrals to assume (default: those in the database)")
        parser.add_argument("--rounds", type=int, default=20, help="scrypt look-ups to time (default 20)")
        parser.add_argument("--addresses", type=int, nargs="+", default=[1, 1_000, 1_000_000],
                            help="attacker addresses to compute for (default 1 1000 1000000)")

    def handle(self, *args, live=None, rounds=20, addresses=(1,), **options):
        limit = settings.REFERRAL_CHECKS_PER_HOUR
        per_hour = guesses_per_window(limit) * 3600 / ratelimit.WINDOW_SECONDS
        cost = milliseconds_per_check(rounds)
        live = Referral.objects.count() if live is None else live
        codes = 10**crypto.RECEIPT_DIGITS
        write = self.stdout.write
        write(f"guesses per hour from one address: {per_hour:,.0f} (REFERRAL_CHECKS_PER_HOUR={limit})")
        write(f"scrypt look-up per check: {cost:.1f} ms of one CPU core (mean of {rounds})")
        write(f"server CPU an address can make us spend: {per_hour * cost / 1000:,.1f} s per hour")
        write(f"receipt codes: {codes:.0e}; live referrals: {live:,}")
        if not live:
            write("no live referrals: there is nothing to find")
            return
        guesses_needed = codes / live  # expected guesses until the first hit on any live code
        write(f"expected guesses to hit any live code: {guesses_needed:.2e}")
        for count in addresses:
            hours = guesses_needed / (per_hour * count)
            write(f"  with {count:>12,} addresses: {readable_years(hours)}")
