"""Referral handlers are signed out after a short time without activity (referral_form/middleware.py)."""

import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from referral_form.middleware import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db


def _go_idle(client, minutes):
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - minutes * 60
    session.save()


def test_idle_handler_is_signed_out_and_sent_to_the_login(staff_client, settings):
    queue = reverse("referrals:list")
    assert staff_client.get(queue).status_code == 200
    _go_idle(staff_client, settings.REFERRAL_HANDLER_IDLE_MINUTES - 1)
    assert staff_client.get(queue).status_code == 200  # still within the limit, and the clock restarts
    _go_idle(staff_client, settings.REFERRAL_HANDLER_IDLE_MINUTES + 1)
    response = staff_client.get(queue)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in staff_client.session
    login_page = staff_client.get(response["Location"]).content.decode()
    assert "inactive" in login_page or "passiivinen" in login_page or "toimettom" in login_page
    assert staff_client.get(queue)["Location"].startswith(reverse("wagtailadmin_login"))


def test_background_pings_do_not_keep_a_handler_signed_in(staff_client, settings):
    staff_client.get(reverse("referrals:list"))
    _go_idle(staff_client, settings.REFERRAL_HANDLER_IDLE_MINUTES - 1)
    before = staff_client.session[LAST_ACTIVITY_KEY]
    staff_client.post("/admin/editing-sessions/ping/wagtailcore/page/1/0/")
    assert staff_client.session[LAST_ACTIVITY_KEY] == before


def test_editors_are_not_signed_out_after_the_handlers_limit(django_user_model, settings):
    editor = django_user_model.objects.create_user("editor-idle", password="not-used-123")
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    _go_idle(client, settings.REFERRAL_HANDLER_IDLE_MINUTES + 5)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
