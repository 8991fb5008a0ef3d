"""`make bench` (`python -m tests.perf`): throughput, latency and SQL queries of the busiest
pages, cached and uncached.

Serves a fresh demo site with the production settings and gunicorn config (`tests.perf.settings`:
production, but plain HTTP on 127.0.0.1 and a throwaway SQLite database in var/bench/, or the
database in DATABASE_URL), seeds the Finnish news index up to 10,000 articles, then measures:

- SQL queries per view, uncached and cached, with the demo's few articles and with 10,000;
- requests/s, p50 and p99 at 32 concurrent connections for the home page, a guidance page, the news
  index and a news article, from the full-page cache and rendered afresh (PAGE_CACHE=false);
- the floor: a bare Django view through the same middleware and server settings, and each page's
  throughput as a share of it.

Budgets: cached pages at least 50% of the floor with p99 under 50 ms; uncached pages at most 10
queries, the same with 10,000 articles as with the demo's.
"""

import datetime
import os
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.models import Page

from tests.perf.loadgen import run as load
from tests.servers import fresh_demo_site, gunicorn
from website.demo.loader import NEWS_KEYS, demo_url_path

SETTINGS_MODULE = "tests.perf.settings"

PAGES = [("home", "home"), ("guidance", "victim"), ("news index", "news"), ("news article", NEWS_KEYS[-1])]
SEEDED_ARTICLES = 10_000
MAX_UNCACHED_QUERIES = 10
MIN_SHARE_OF_FLOOR = 0.5
MAX_CACHED_P99_MS = 50.0
FLOOR = "/bench-floor/"


def seed_news(index: Page, total: int) -> int:
    """Add live articles under `index` until it has `total` children, in bulk (minutes otherwise)."""
    from pages.models import NewsArticlePage

    index.refresh_from_db()
    missing = total - index.numchild
    if missing <= 0:
        return 0
    content_type = ContentType.objects.get_for_model(NewsArticlePage)
    now = timezone.now()
    start = datetime.date(2000, 1, 1)
    pages = []
    for number in range(missing):
        step = index.numchild + number + 1
        slug = f"bench-{step}"
        pages.append(Page(
            title=f"Benchmark article {step}", draft_title=f"Benchmark article {step}", slug=slug,
            content_type=content_type, locale_id=index.locale_id, translation_key=uuid.uuid4(),
            live=True, has_unpublished_changes=False, first_published_at=now, last_published_at=now,
            url_path=f"{index.url_path}{slug}/", path=Page._get_path(index.path, index.depth + 1, step),
            depth=index.depth + 1, numchild=0,
        ))
    table = NewsArticlePage._meta.db_table
    with transaction.atomic():
        created = Page.objects.bulk_create(pages, batch_size=500)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (page_ptr_id, introduction, social_image_id, date, news_type, body) "  # noqa: S608
                "VALUES (%s, %s, NULL, %s, %s, %s)",
                [(page.pk, "A seeded article for the benchmark.", start + datetime.timedelta(days=i % 7000),
                  "news" if i % 3 else "press_release", "[]") for i, page in enumerate(created)],
            )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + missing)
    return missing


def warm(url: str, cached: bool) -> None:
    """Request a page one at a time until the cache has it (a stampede of first renders is not what
    a steady state looks like, and the measured load would include it)."""
    import urllib.request

    for _attempt in range(20):
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - our own local server
            if not cached or response.headers.get("X-Page-Cache") == "hit" or url.endswith(FLOOR):
                return


class Command(BaseCommand):
    help = "Benchmark the busiest pages against the floor and the budgets (make bench)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=5.0, help="load per measurement (default 5)")
        parser.add_argument("--connections", type=int, default=32)

    def handle(self, *args, seconds, connections: int, **options):
        if settings.SETTINGS_MODULE != SETTINGS_MODULE:
            raise CommandError(f"Run this through `make bench` (python -m tests.perf, {SETTINGS_MODULE}).")
        self.cache_url = self.pick_cache()
        fresh_demo_site(Path(settings.MEDIA_ROOT).parent, stdout=self.stdout)
        paths = {name: demo_url_path(key, "fi") for name, key in PAGES}
        queries_few = self.count_queries(paths)
        seeded = seed_news(Page.objects.get(url_path=paths["news index"]), SEEDED_ARTICLES)
        self.stdout.write(f"Seeded {seeded} news articles.")
        queries_many = self.count_queries(paths)
        rows = {name: {"queries_few": queries_few[name], "queries_many": queries_many[name]} for name in paths}
        floors = {}
        for mode, cached in (("cached", True), ("uncached", False)):
            with self.serve(cached) as base_url:
                for path in [FLOOR, *paths.values()]:
                    warm(base_url + path, cached)
                    load(base_url + path, connections, 1)  # every worker's connections and imports
                floor = load(base_url + FLOOR, connections, seconds)
                floors[mode] = floor
                for name, path in paths.items():
                    rows[name][mode] = load(base_url + path, connections, seconds)
        self.report(rows, floors, connections)

    def pick_cache(self) -> str:
        """Redis, as in production, when it answers at BENCH_REDIS_URL; else each process's local memory."""
        url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
        try:
            import redis

            redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
        except Exception:  # noqa: BLE001 - no Redis: measure the embedded default
            self.stdout.write("Redis is not answering: the cache is each process's local memory.")
            return "locmem://"
        return url

    def count_queries(self, paths: dict[str, str]) -> dict[str, dict[str, int]]:
        """Queries of one request, after a first request has warmed per-process lookups."""
        counts = {}
        client = Client(HTTP_HOST="127.0.0.1")
        for name, path in paths.items():
            counts[name] = {}
            for mode, cached in (("uncached", False), ("cached", True)):
                with override_settings(PAGE_CACHE_ENABLED=cached):
                    client.get(path)
                    with CaptureQueriesContext(connection) as captured:
                        response = client.get(path)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                counts[name][mode] = len(captured)
        return counts

    @contextmanager
    def serve(self, cached: bool):
        """gunicorn with the production config and its default number of workers."""
        env = {"DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, "PAGE_CACHE": "true" if cached else "false",
               "CACHE_URL": self.cache_url, "DATABASE_CONN_MAX_AGE": "60"}
        log = Path(settings.MEDIA_ROOT).parent / f"gunicorn-{'cached' if cached else 'uncached'}.log"
        with gunicorn(env, ready_path=FLOOR, workers=None, log_path=log) as base_url:
            yield base_url

    def report(self, rows, floors, connections_count):
        out = self.stdout.write
        tool = floors["cached"].tool
        out(f"\n{connections_count} connections; {SEEDED_ARTICLES} news articles; workers: gunicorn config default "
            f"({os.cpu_count()} CPUs); load from {tool}; cache {self.cache_url}; persistent database connections")
        header = (f"{'view':<14}{'mode':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'floor %':>9}"
                  f"{'queries':>9}{'@few':>6}{'errors':>8}")
        out(header)
        out("-" * len(header))
        problems = []
        for mode in ("cached", "uncached"):
            floor = floors[mode]
            out(f"{'floor':<14}{mode:<10}{floor.per_second:>9.0f}{floor.p50:>9.1f}{floor.p99:>9.1f}{100:>9.0f}"
                f"{'':>9}{'':>6}{floor.errors:>8}")
            for name, row in rows.items():
                result = row[mode]
                share = result.per_second / floor.per_second if floor.per_second else 0.0
                many, few = row["queries_many"][mode], row["queries_few"][mode]
                out(f"{name:<14}{mode:<10}{result.per_second:>9.0f}{result.p50:>9.1f}{result.p99:>9.1f}"
                    f"{share * 100:>9.0f}{many:>9}{few:>6}{result.errors:>8}")
                if result.errors:
                    problems.append(f"{name} {mode}: {result.errors} failed requests")
                if mode == "cached":
                    if share < MIN_SHARE_OF_FLOOR:
                        problems.append(f"{name} cached: {share:.0%} of the floor (budget {MIN_SHARE_OF_FLOOR:.0%})")
                    if result.p99 >= MAX_CACHED_P99_MS:
                        problems.append(f"{name} cached: p99 {result.p99:.1f} ms (budget {MAX_CACHED_P99_MS:.0f} ms)")
                else:
                    if many > MAX_UNCACHED_QUERIES:
                        problems.append(f"{name} uncached: {many} queries (budget {MAX_UNCACHED_QUERIES})")
                    if many != few:
                        problems.append(f"{name} uncached: {few} queries with the demo's articles, {many} with "
                                        f"{SEEDED_ARTICLES}")
        out("'queries' counts one request with 10,000 articles; '@few' with the demo's.")
        if problems:
            self.stderr.write("\n".join(problems))
            raise CommandError(f"{len(problems)} budget failures")
        out(self.style.SUCCESS("Within budget: cached pages >= 50% of the floor with p99 < 50 ms; uncached pages "
                               "<= 10 queries, flat from the demo's articles to 10,000."))

