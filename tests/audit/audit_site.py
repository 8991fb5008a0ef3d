"""`make audit` (`python -m tests.audit`): measure the key public pages against the
front-end budgets.

Serves a fresh demo site with the production settings and gunicorn (settings `tests.audit.settings`),
then, for the home page, a guidance page, the news index, a news article and the form page, in Finnish
and in Arabic:

- Lighthouse (mobile): performance at least 95; accessibility, best practices and SEO 100;
- axe-core (WCAG 2.1 A/AA and best practices) at 375 px and 1280 px: no violations;
- the Nu HTML Checker (vnu): no errors;
- at most 60 KB transferred per page, content images (media files) excluded;
- no request to any other origin.

Lighthouse, axe-core and vnu come from the npm registry (tests/audit/package.json); Lighthouse and
Playwright drive Debian's Chromium, vnu needs a Java runtime. Results go to var/audit/.
"""

import json
import os
import shutil
import subprocess
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tests.servers import fresh_demo_site, gunicorn
from website.demo.loader import NEWS_KEYS, demo_visitor_path

SETTINGS_MODULE = "tests.audit.settings"
TOOLS_DIR = Path(settings.BASE_DIR) / "tests" / "audit"
NODE_MODULES = TOOLS_DIR / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

# The pages the issue names, by demo key; the newest news article stands for all articles.
PAGES = [
    ("home", "home"),
    ("guidance", "victim"),
    ("news index", "news"),
    ("news article", NEWS_KEYS[-1]),
    ("form", "report"),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_KB = 60
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_WIDTHS = [375, 1280]


@dataclass
class Result:
    name: str
    language: str
    path: str
    scores: dict = field(default_factory=dict)
    lighthouse_failures: list = field(default_factory=list)
    kilobytes: float = 0.0
    offsite: list = field(default_factory=list)
    axe: list = field(default_factory=list)
    vnu: list = field(default_factory=list)

    def problems(self) -> list[str]:
        found = []
        for category, minimum in MIN_SCORES.items():
            score = self.scores.get(category)
            if score is None or score < minimum:
                found.append(f"Lighthouse {category} {score} < {minimum}")
        found += [f"Lighthouse: {failure}" for failure in self.lighthouse_failures]
        if self.kilobytes > MAX_KB:
            found.append(f"{self.kilobytes:.1f} KB transferred > {MAX_KB} KB")
        found += [f"request to another origin: {url}" for url in self.offsite]
        found += [f"axe: {violation}" for violation in self.axe]
        found += [f"vnu: {message}" for message in self.vnu]
        return found


class Command(BaseCommand):
    help = "Audit key pages with Lighthouse, axe-core and vnu against the front-end budgets (make audit)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--languages", nargs="+", default=["fi", "ar"], help="language codes to audit")
        parser.add_argument("--pages", nargs="+", default=[key for _name, key in PAGES],
                            help="demo page keys to audit (default: the five the budgets name)")

    def handle(self, *args, languages, pages, **options):
        if settings.SETTINGS_MODULE != SETTINGS_MODULE:
            raise CommandError(f"Run this through `make audit` (python -m tests.audit, {SETTINGS_MODULE}).")
        self.check_tools()
        audit_dir = Path(settings.DATABASES["default"]["NAME"]).parent
        fresh_demo_site(audit_dir, stdout=self.stdout)
        names = {key: name for name, key in PAGES}
        results = [
            Result(names.get(key, key), language, demo_visitor_path(key, language))
            for language in languages for key in pages
        ]
        with self.serve(audit_dir) as base_url:
            for result in results:
                self.stdout.write(f"Lighthouse: {result.language} {result.name} ({result.path})")
                self.run_lighthouse(base_url, result, audit_dir)
            self.stdout.write("axe-core at 375 and 1280 px")
            self.run_axe(base_url, results)
            self.stdout.write("Nu HTML Checker")
            self.run_vnu(base_url, results, audit_dir)
        self.report(results, audit_dir)

    # -- set-up ---------------------------------------------------------------------------------

    def check_tools(self):
        missing = []
        if not LIGHTHOUSE.exists() or not AXE.exists() or not VNU.exists():
            missing.append(f"the npm tools: run `npm ci --prefix {TOOLS_DIR.relative_to(settings.BASE_DIR)}`")
        if not shutil.which("node"):
            missing.append("Node.js (Debian package nodejs)")
        if not shutil.which("java"):
            missing.append("a Java runtime for vnu (Debian package default-jre-headless)")
        if not Path(CHROMIUM).exists():
            missing.append(f"Chromium at {CHROMIUM} (Debian package chromium, or set CHROME_PATH)")
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing.append("Playwright for Python (make install)")
        if missing:
            raise CommandError("The audit needs " + "; ".join(missing) + ".")

    @contextmanager
    def serve(self, audit_dir: Path):
        env = {"DJANGO_SETTINGS_MODULE": SETTINGS_MODULE}
        try:
            with gunicorn(env, log_path=audit_dir / "gunicorn.log") as base_url:
                yield base_url
        except RuntimeError as error:
            raise CommandError(str(error)) from None

    # -- the tools ------------------------------------------------------------------------------

    def run_lighthouse(self, base_url: str, result: Result, audit_dir: Path):
        output = audit_dir / f"lighthouse-{result.language}-{result.name.replace(' ', '-')}.json"
        command = [
            "node", str(LIGHTHOUSE), base_url + result.path,
            "--output=json", f"--output-path={output}", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ]
        for _attempt in range(3):  # Lighthouse's trace recording fails now and then (NO_NAVSTART); retry
            output.unlink(missing_ok=True)
            completed = subprocess.run(  # noqa: S603 - fixed tool, local URL
                command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False,
            )
            if completed.returncode == 0 and output.exists():
                break
        else:
            raise CommandError(f"Lighthouse failed on {result.path}:\n{completed.stderr[-2000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
        for category in CATEGORIES:
            score = report["categories"][category]["score"]
            result.scores[category] = None if score is None else round(score * 100)
            if category == "performance":
                continue  # measured by its score; its audits are advice, not pass/fail
            for reference in report["categories"][category]["auditRefs"]:
                audit = report["audits"][reference["id"]]
                if reference["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                    result.lighthouse_failures.append(f"{audit['id']}: {audit['title']}")
        origin = urlsplit(base_url)
        total = 0
        for request in report["audits"]["network-requests"]["details"]["items"]:
            url = urlsplit(request["url"])
            if url.scheme in ("data", "blob"):
                continue
            if (url.scheme, url.netloc) != (origin.scheme, origin.netloc):
                result.offsite.append(request["url"])
            elif not url.path.startswith(settings.MEDIA_URL):
                total += request.get("transferSize") or 0
        result.kilobytes = total / 1000

    def run_axe(self, base_url: str, results: list[Result]):
        from playwright.sync_api import sync_playwright

        options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}})
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
            try:
                for width in AXE_WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
                    page = context.new_page()
                    requested = []
                    page.on("request", lambda request, seen=requested: seen.append(request.url))
                    for result in results:
                        requested.clear()
                        page.goto(base_url + result.path, wait_until="load")
                        for url in requested:
                            parts = urlsplit(url)
                            if parts.scheme in ("http", "https") and not url.startswith(base_url + "/"):
                                result.offsite.append(url)
                        page.add_script_tag(path=str(AXE))
                        found = page.evaluate(f"async () => (await axe.run(document, {options})).violations")
                        for violation in found:
                            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                            result.axe.append(f"{violation['id']} at {width} px ({violation['impact']}): "
                                              f"{violation['help']} [{targets}]")
                    context.close()
            finally:
                browser.close()

    def run_vnu(self, base_url: str, results: list[Result], audit_dir: Path):
        html_dir = audit_dir / "html"
        shutil.rmtree(html_dir, ignore_errors=True)
        html_dir.mkdir()
        files = {}
        for result in results:
            with urllib.request.urlopen(base_url + result.path, timeout=30) as response:  # noqa: S310 - local
                body = response.read()
            path = html_dir / f"{result.language}-{result.name.replace(' ', '-')}.html"
            path.write_bytes(body)
            files[str(path)] = result
        completed = subprocess.run(  # noqa: S603 - fixed tool, local files
            ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],  # noqa: S607
            capture_output=True, text=True, check=False,
        )
        try:
            messages = json.loads(completed.stderr or completed.stdout)["messages"]
        except ValueError:
            raise CommandError(f"vnu failed:\n{completed.stderr[-2000:]}") from None
        for message in messages:
            if message.get("type") != "error":
                continue
            result = files.get(urlsplit(message.get("url", "")).path)
            text = f"line {message.get('lastLine')}: {message['message']}"
            if result is None:
                raise CommandError(f"vnu: {text}")
            result.vnu.append(text)

    # -- the report -----------------------------------------------------------------------------

    def report(self, results: list[Result], audit_dir: Path):
        header = f"{'page':<14}{'lang':<6}{'perf':>6}{'a11y':>6}{'bp':>6}{'seo':>6}{'KB':>8}{'axe':>6}{'vnu':>6}"
        lines = [header, "-" * len(header)]
        for result in results:
            score = [result.scores.get(category) for category in CATEGORIES]
            lines.append(
                f"{result.name:<14}{result.language:<6}"
                + "".join(f"{'-' if value is None else value:>6}" for value in score)
                + f"{result.kilobytes:>8.1f}{len(result.axe):>6}{len(result.vnu):>6}"
            )
        self.stdout.write("\n".join(lines))
        summary = [
            {"page": r.name, "language": r.language, "path": r.path, "scores": r.scores,
             "kilobytes": round(r.kilobytes, 1), "problems": r.problems()}
            for r in results
        ]
        (audit_dir / "report.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
        problems = [f"{r.language} {r.name}: {problem}" for r in results for problem in r.problems()]
        if problems:
            self.stderr.write("\n".join(problems))
            raise CommandError(f"{len(problems)} budget failures (details in {audit_dir / 'report.json'})")
        self.stdout.write(self.style.SUCCESS(
            f"All {len(results)} pages within budget: Lighthouse performance >= 95, accessibility, best practices "
            f"and SEO 100, no axe violations, no vnu errors, at most {MAX_KB} KB, nothing from other origins."
        ))

