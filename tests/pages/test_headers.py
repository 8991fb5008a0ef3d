"""Referrer policy: nothing leaks from public pages; the admin still passes Django's CSRF check."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_public_pages_send_no_referrer(client):
    for path in ("/fi/", "/ar/", "/fi/ei-ole/"):
        assert client.get(path)["Referrer-Policy"] == "no-referrer"


def test_admin_login_works_from_a_real_browser(django_user_model):
    django_user_model.objects.create_user("staff", password="a-long-password-123", is_staff=True)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/admin/login/")
    assert page["Referrer-Policy"] == "same-origin"
    token = page.cookies["csrftoken"].value
    # A browser told "same-origin" sends the real Origin on the login POST.
    response = browser.post("/admin/login/", {"username": "staff", "password": "a-long-password-123",
                                              "csrfmiddlewaretoken": token},
                            headers={"origin": "http://testserver"})
    assert response.status_code == 302
