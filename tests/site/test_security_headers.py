"""Security headers on every response (site/security.py), and the production cookies and HSTS."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin_forms import edit_form_data
from tests.pages.test_rendering import PAGE_TYPES, key_of_type
from tests.pages.test_settings import PRODUCTION_ENV, run_manage
from tests.referral_form.test_form import form_url
from tests.utils import demo_page, demo_visitor_path, soup

pytestmark = pytest.mark.django_db

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def public_paths() -> list[str]:
    paths = [demo_visitor_path(key_of_type(model), code) for code in ("fi", "ar") for model in PAGE_TYPES]
    return [*paths, form_url() + "check/", "/fi/search/?q=apu", "/fi/ei-ole-olemassa/", "/sitemap.xml",
            "/robots.txt", "/healthz", "/static/css/site.css", "/"]


def assert_strict_scripts(directives):
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "*" not in scripts and not any(source.startswith(("http:", "https:", "data:")) for source in scripts)


def test_every_public_response_carries_the_security_headers(client):
    for path in public_paths():
        response = client.get(path)
        assert response.status_code in (200, 301, 302, 404), path
        directives = policy(response)
        assert directives["default-src"] == ["'none'"], path
        assert directives["script-src"] == ["'self'"], path
        assert directives["style-src"] == ["'self'"], path
        assert directives["frame-ancestors"] == ["'none'"], path
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"], path
        assert response["Referrer-Policy"] == "no-referrer", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", path
        features = dict(item.strip().split("=") for item in response["Permissions-Policy"].split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
            assert features[feature] == "()", (path, feature)


def test_public_pages_need_nothing_the_policy_refuses(client):
    """No inline script, event handler, style element or attribute, and nothing from another origin."""
    for path in public_paths()[: 2 * len(PAGE_TYPES)]:
        page = soup(client.get(path))
        for script in page.find_all("script"):
            assert script.get("src", "").startswith("/static/"), (path, str(script)[:80])
        assert not page.find_all("style"), path
        styled = [tag.name for tag in page.find_all(style=True)]
        handlers = [tag.name for tag in page.find_all(lambda tag: any(a.startswith("on") for a in tag.attrs))]
        assert styled == [] and handlers == [], path


def test_documents_keep_wagtails_own_stricter_policy(client):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.first()
    if document is None:
        pytest.skip("the demo has no document")
    response = client.get(document.url)
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


# -- the admin -------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser("root", password="not-used-123")
    client = Client()
    client.force_login(user)
    return client


def inline_scripts(response) -> list:
    return [
        script for script in soup(response).find_all("script")
        if not script.get("src") and script.get("type", "").lower() in EXECUTABLE_SCRIPT_TYPES
    ]


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_admin_edit_pages_run_no_script_without_the_nonce(superuser_client, model):
    page = demo_page(key_of_type(model))
    response = superuser_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    directives = policy(response)
    assert_strict_scripts(directives)
    assert directives["frame-ancestors"] == ["'none'"]
    nonces = [source for source in directives["script-src"] if source.startswith("'nonce-")]
    for script in inline_scripts(response):
        assert nonces == [f"'nonce-{script['nonce']}'"], str(script)[:120]


def test_nonce_is_new_for_every_request_and_absent_when_unused(superuser_client):
    page = demo_page(key_of_type(PAGE_TYPES[4]))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    first, second = (policy(superuser_client.get(url))["script-src"] for _ in range(2))
    assert first != second
    assert inline_scripts(superuser_client.get(reverse("wagtailadmin_home"))) == []
    assert policy(superuser_client.get(reverse("wagtailadmin_home")))["script-src"] == ["'self'"]


def test_translation_and_snippet_editors_carry_the_nonce(superuser_client):
    page = demo_page("home")
    urls = [
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        reverse("wagtailsnippets_pages_service:add"),
        reverse("wagtailimages:add_multiple"),
    ]
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        header_nonces = [s for s in policy(response)["script-src"] if s.startswith("'nonce-")]
        for script in inline_scripts(response):
            assert header_nonces == [f"'nonce-{script['nonce']}'"], (url, str(script)[:120])


def test_preview_may_be_framed_by_the_editor_only(superuser_client):
    page = demo_page(key_of_type(PAGE_TYPES[1]))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert superuser_client.post(url, edit_form_data(superuser_client, page)).status_code == 200
    response = superuser_client.get(url)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert_strict_scripts(policy(response))


# -- reCAPTCHA widens the form page alone ------------------------------------------------------


def test_recaptcha_is_allowed_on_the_form_page_only_when_configured(client, settings):
    assert not any("google" in source for source in policy(client.get(form_url()))["script-src"])
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = "configured"
    settings.RECAPTCHA_ENABLED = True
    settings.SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
    response = client.get(form_url())
    directives = policy(response)
    assert "https://www.google.com/recaptcha/" in directives["script-src"]
    assert "https://www.google.com/recaptcha/" in directives["frame-src"]
    assert_strict_scripts({"script-src": [s for s in directives["script-src"] if "google" not in s
                                          and "gstatic" not in s], "default-src": []})
    assert inline_scripts(response) == []  # the stock widget's inline callback is gone
    for path in (demo_visitor_path("home", "fi"), form_url() + "check/"):
        assert not any("google" in source for source in policy(client.get(path))["script-src"]), path


# -- production: HSTS, cookies, check --deploy -------------------------------------------------

PRINT_SECURITY_SETTINGS = """
import json
from django.conf import settings as s
names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
         "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
         "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT",
         "CSP_UPGRADE_INSECURE_REQUESTS", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "REFERRAL_HANDLER_IDLE_MINUTES"]
print(json.dumps({name: getattr(s, name) for name in names}))
"""


@pytest.fixture(scope="module")
def production_settings():
    result = run_manage("shell", "-c", PRINT_SECURITY_SETTINGS, env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # after the shell's own banner


def test_production_sends_hsts_for_a_year_and_marks_every_cookie(production_settings):
    values = production_settings
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert values[f"{cookie}_COOKIE_SAMESITE"] in ("Lax", "Strict"), cookie
    assert values["SECURE_SSL_REDIRECT"] and values["CSP_UPGRADE_INSECURE_REQUESTS"]
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] and values["REFERRAL_HANDLER_IDLE_MINUTES"] <= 30


def test_cookies_carry_the_production_flags_on_a_real_login(production_settings, settings, django_user_model):
    for name, value in production_settings.items():
        if "COOKIE" in name or name.startswith("SECURE_HSTS"):
            setattr(settings, name, value)
    django_user_model.objects.create_user("staff", password="a-long-password-123", is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/admin/login/", secure=True)
    assert int(page["Strict-Transport-Security"].split("max-age=")[1].split(";")[0]) >= 31_536_000
    response = browser.post("/admin/login/", {"username": "staff", "password": "a-long-password-123",
                                              "csrfmiddlewaretoken": page.cookies["csrftoken"].value},
                            headers={"origin": "https://testserver"}, secure=True)
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = browser.cookies[name]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax", name


def test_public_pages_set_no_cookie(client):
    for path in public_paths():
        assert not client.get(path).cookies, path
