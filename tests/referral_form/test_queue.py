"""The protected staff queue: who may open it, what it shows, what it audits, what it never leaks."""

import datetime
import logging
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry, PageLogEntry, ReferenceIndex
from wagtail.snippets.models import get_snippet_models

from referral_form import crypto
from referral_form.models import (
    Referral,
    ReferralAuditEntry,
    ReferralMessage,
    ReferralStatus,
    WriterRole,
)
from tests.referral_form.conftest import queue_requests, verified_client
from tests.utils import soup

pytestmark = pytest.mark.django_db

Action = ReferralAuditEntry.Action
SECRET_WORD = "Zanzibarkvartsi"
OTHER_SECRET_WORD = "Kuovinpelakuu"


@pytest.fixture
def secret_referral(make_referral):
    return make_referral(
        description=f"{SECRET_WORD} {OTHER_SECRET_WORD}: he took my passport.",
        person_name="Secret Person", exploitation_types=["labour"], region="uusimaa",
    )


def _send(client, method, url, data):
    return client.get(url) if method == "get" else client.post(url, data)


# -- the permission matrix -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_the_admin_login_everywhere(secret_referral, method):
    client = Client()
    for _name, url, data in queue_requests(secret_referral):
        response = _send(client, method, url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url
        assert SECRET_WORD not in response.content.decode()
    assert Referral.objects.get(pk=secret_referral.pk).status == ReferralStatus.NEW
    assert not ReferralMessage.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_editor_gets_403_everywhere_and_each_denial_is_audited(editor_client, editor, secret_referral, method):
    requests = queue_requests(secret_referral)
    for _name, url, data in requests:
        response = _send(editor_client, method, url, data)
        assert response.status_code == 403, url
        content = response.content.decode()
        assert SECRET_WORD not in content and "Secret Person" not in content
    denied = ReferralAuditEntry.objects.filter(action=Action.DENIED, user=editor)
    assert denied.count() == len(requests)
    for entry in denied:
        assert SECRET_WORD not in entry.detail
    # Denials on a case's URL name the reference of the URL, nothing read from the case.
    assert denied.filter(referral_reference=secret_referral.reference).count() == 6
    referral = Referral.objects.get(pk=secret_referral.pk)
    assert referral.status == ReferralStatus.NEW and referral.assignee is None
    assert not ReferralMessage.objects.exists()
    assert not ReferralAuditEntry.objects.exclude(action=Action.DENIED).exists()


def test_user_without_admin_access_gets_403_and_each_denial_is_audited(secret_referral):
    from django.contrib.auth import get_user_model

    plain = get_user_model().objects.create_user("plain", password="x" * 16)
    client = Client()
    client.force_login(plain)
    requests = queue_requests(secret_referral)
    for _name, url, data in requests:
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 403, url
            assert SECRET_WORD not in response.content.decode()
    assert ReferralAuditEntry.objects.filter(action=Action.DENIED, user=plain).count() == 2 * len(requests)
    assert Referral.objects.get(pk=secret_referral.pk).status == ReferralStatus.NEW


@pytest.mark.parametrize("method", ["get", "post"])
def test_handler_without_2fa_is_sent_to_set_it_up_and_each_refusal_is_audited(
    handler_client, handler, secret_referral, method
):
    setup_url = reverse("referrals:two_factor_setup")
    refused = 0
    for name, url, data in queue_requests(secret_referral):
        response = _send(handler_client, method, url, data)
        content = response.content.decode()
        assert SECRET_WORD not in content
        if name == "two_factor_setup":
            assert response.status_code == (200 if method == "get" else 400)
        elif name == "two_factor_verify":
            assert response.status_code == 302 and response["Location"].startswith(setup_url)
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith(setup_url), url
            refused += 1
    referral = Referral.objects.get(pk=secret_referral.pk)
    assert referral.status == ReferralStatus.NEW
    assert not ReferralMessage.objects.exists()
    # The TOTP pages themselves are no refusal; every other URL is, and says why.
    denied = ReferralAuditEntry.objects.filter(action=Action.DENIED, user=handler)
    assert denied.count() == refused == 8
    assert all(entry.detail.endswith(": second factor required") for entry in denied)
    assert denied.filter(referral_reference=secret_referral.reference).count() == 6
    assert not ReferralAuditEntry.objects.exclude(action=Action.DENIED).exists()


@pytest.mark.parametrize("client_fixture", ["staff_client", "superuser_client"])
def test_verified_handler_and_superuser_can_use_every_queue_url(request, make_referral, client_fixture):
    client = request.getfixturevalue(client_fixture)
    referral = make_referral(description=SECRET_WORD)
    expected_get = {
        "list": 200, "audit": 200, "detail": 200, "delete": 200,
        "two_factor_setup": 302, "two_factor_verify": 302,  # already verified: back to the queue
        "status": 405, "assign": 405, "note": 405, "reply": 405,  # POST only
    }
    expected_post = {
        "list": 405, "audit": 405, "detail": 405,
        "two_factor_setup": 302, "two_factor_verify": 302,
        "status": 302, "assign": 302, "note": 302, "reply": 302, "delete": 302,
    }
    for name, url, data in queue_requests(referral):
        assert client.get(url).status_code == expected_get[name], name
        assert client.post(url, data).status_code == expected_post[name], name
    assert not Referral.objects.filter(pk=referral.pk).exists()
    actions = set(ReferralAuditEntry.objects.values_list("action", flat=True))
    assert {Action.LIST, Action.VIEW, Action.STATUS, Action.NOTE, Action.REPLY, Action.DELETE} <= actions
    assert Action.DENIED not in actions


def test_every_queue_url_is_covered_by_the_matrix():
    from referral_form.admin_urls import urlpatterns as queue_urlpatterns

    covered = [name for name, _url, _data in queue_requests(Referral(pk=uuid.uuid4()))]
    assert sorted(pattern.name for pattern in queue_urlpatterns) == sorted(covered)


# -- nothing leaks to other admin users -------------------------------------------------------


def test_editor_sees_nothing_of_referrals_in_dashboard_search_or_menu(editor_client, secret_referral, caplog):
    caplog.set_level(logging.DEBUG)
    queue_url = reverse("referrals:list")
    responses = [
        editor_client.get(reverse("wagtailadmin_home")),
        editor_client.get(reverse("wagtailadmin_pages:search"), {"q": SECRET_WORD}),
        editor_client.get(reverse("wagtailadmin_pages:search"), {"q": secret_referral.reference}),
        editor_client.get("/admin/search/", {"q": SECRET_WORD}),
        editor_client.get(reverse("wagtailimages:index"), {"q": SECRET_WORD}),
        editor_client.get(reverse("wagtaildocs:index"), {"q": SECRET_WORD}),
    ]
    assert responses[0].status_code == 200 and responses[1].status_code == 200
    for response in responses:
        content = response.content.decode()
        # The search box echoes the query; nothing else of the case may appear.
        assert OTHER_SECRET_WORD not in content
        assert "Secret Person" not in content
        assert queue_url not in content
    assert secret_referral.reference not in responses[0].content.decode()
    assert SECRET_WORD not in responses[0].content.decode()
    assert SECRET_WORD not in caplog.text and OTHER_SECRET_WORD not in caplog.text


def test_menu_item_is_shown_to_handlers_only(staff_client, handler_client, editor_client):
    queue_url = reverse("referrals:list")
    assert queue_url in staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert queue_url in handler_client.get(reverse("wagtailadmin_home")).content.decode()
    assert queue_url not in editor_client.get(reverse("wagtailadmin_home")).content.decode()


def test_handler_dashboard_shows_no_referral_content(staff_client, secret_referral):
    content = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert SECRET_WORD not in content and secret_referral.reference not in content


def test_referrals_are_not_snippets_not_logged_and_not_reference_indexed(staff_client, secret_referral, handler_2fa):
    assert Referral not in get_snippet_models()
    log_entries_before = (ModelLogEntry.objects.count(), PageLogEntry.objects.count())
    detail = reverse("referrals:detail", args=[secret_referral.pk])
    staff_client.get(reverse("referrals:list"))
    staff_client.get(detail)
    staff_client.post(reverse("referrals:status", args=[secret_referral.pk]), {"status": "closed"})
    staff_client.post(reverse("referrals:assign", args=[secret_referral.pk]), {"assignee": handler_2fa.pk})
    staff_client.post(reverse("referrals:note", args=[secret_referral.pk]), {"note-text": "sisäinen"})
    assert (ModelLogEntry.objects.count(), PageLogEntry.objects.count()) == log_entries_before
    referral_type = ContentType.objects.get_for_model(Referral)
    assert not ReferenceIndex.objects.filter(content_type=referral_type).exists()
    assert not ReferenceIndex.objects.filter(base_content_type=referral_type).exists()


# -- the list --------------------------------------------------------------------------------


def _listed_references(response):
    rows = soup(response).select("table.listing tbody tr")
    return [row.select("td")[0].get_text(strip=True) for row in rows]


def test_list_shows_metadata_newest_first_and_audits_the_view(staff_client, make_referral, handler_2fa):
    now = timezone.now()
    older = make_referral(received_at=now - datetime.timedelta(days=2), exploitation_types=["sexual"])
    newer = make_referral(
        received_at=now - datetime.timedelta(hours=1), writer_role=WriterRole.PROFESSIONAL,
        exploitation_types=["labour", "forced_begging"], region="lappi", language="en", is_minor="yes",
        assignee=handler_2fa, description=SECRET_WORD,
    )
    response = staff_client.get(reverse("referrals:list"))
    assert response.status_code == 200
    assert _listed_references(response) == [newer.reference, older.reference]
    page = soup(response)
    headers = [th.get_text(strip=True) for th in page.select("table.listing thead th[scope=col]")]
    assert len(headers) == 10
    first_row = page.select("table.listing tbody tr")[0].get_text(" ", strip=True)
    assert "Lappi" in first_row or "Lapland" in first_row
    assert newer.get_writer_role_display() in first_row
    assert handler_2fa.get_full_name() in first_row
    assert SECRET_WORD not in response.content.decode()
    entry = ReferralAuditEntry.objects.get(action=Action.LIST)
    assert entry.user == handler_2fa and entry.referral_reference == ""


def test_list_decrypts_nothing(staff_client, make_referral, monkeypatch):
    make_referral(exploitation_types=["labour"], region="uusimaa")
    make_referral(status=ReferralStatus.CLOSED)

    def refuse(stored):
        raise AssertionError("the list must not decrypt anything")

    monkeypatch.setattr(crypto, "decrypt_from_storage", refuse)
    response = staff_client.get(reverse("referrals:list"))
    assert response.status_code == 200
    assert len(_listed_references(response)) == 2


def test_list_query_count_does_not_grow_with_the_cases(staff_client, make_referral, handler_2fa):
    def make_batch(count):
        for index in range(count):
            make_referral(
                exploitation_types=["labour", "sexual"], region="uusimaa", assignee=handler_2fa,
                status=ReferralStatus.CLOSED if index % 2 else ReferralStatus.NEW,
            )

    url = reverse("referrals:list")
    make_batch(5)
    staff_client.get(url)  # warm caches (site root, content types)
    with CaptureQueriesContext(connection) as five:
        assert len(_listed_references(staff_client.get(url))) == 5
    make_batch(45)
    with CaptureQueriesContext(connection) as fifty:
        assert len(_listed_references(staff_client.get(url))) == 50
    assert len(fifty) == len(five)


def test_list_is_paginated_by_50(staff_client, make_referral):
    for _ in range(51):
        make_referral()
    url = reverse("referrals:list")
    assert len(_listed_references(staff_client.get(url))) == 50
    second = staff_client.get(url, {"p": 2, "status": "new"})
    assert len(_listed_references(second)) == 1
    assert ReferralAuditEntry.objects.filter(action=Action.LIST, detail="status=new&p=2").exists()


def test_filters(staff_client, make_referral, handler_2fa):
    mine = make_referral(status=ReferralStatus.IN_REVIEW, assignee=handler_2fa, exploitation_types=["labour"])
    professional = make_referral(writer_role=WriterRole.PROFESSIONAL, language="en", region="lappi")
    sexual = make_referral(exploitation_types=["sexual"], region="uusimaa", language="sv")
    url = reverse("referrals:list")

    def listed(**params):
        return set(_listed_references(staff_client.get(url, params)))

    assert listed() == {mine.reference, professional.reference, sexual.reference}
    assert listed(status="in_review") == {mine.reference}
    assert listed(writer_role="professional") == {professional.reference}
    assert listed(language="sv") == {sexual.reference}
    assert listed(region="lappi") == {professional.reference}
    assert listed(kind="sexual") == {sexual.reference}
    assert listed(kind="labour") == {mine.reference}
    assert listed(assignee="me") == {mine.reference}
    assert listed(assignee=str(handler_2fa.pk)) == {mine.reference}
    assert listed(assignee="none") == {professional.reference, sexual.reference}
    assert listed(status="new", language="en") == {professional.reference}
    # The filter form is plain HTML: a GET form with labelled selects.
    page = soup(staff_client.get(url))
    form = page.select_one("form[method=get]")
    for name in ("status", "writer_role", "language", "region", "kind", "assignee", "expiring"):
        field = form.select_one(f"[name={name}]")
        assert field is not None
        assert page.select_one(f"label[for={field['id']}]") is not None


def test_expiring_soon_is_highlighted_and_filterable(staff_client, make_referral, settings):
    settings.REFERRAL_RETENTION_DAYS = 90
    settings.REFERRAL_EXPIRY_WARNING_DAYS = 14
    now = timezone.now()
    soon = make_referral(status=ReferralStatus.CLOSED, status_changed_at=now - datetime.timedelta(days=80))
    later = make_referral(status=ReferralStatus.SPAM, status_changed_at=now - datetime.timedelta(days=10))
    open_case = make_referral(status=ReferralStatus.IN_REVIEW, status_changed_at=now - datetime.timedelta(days=89))
    url = reverse("referrals:list")
    page = soup(staff_client.get(url))
    highlighted = [row.select("td")[0].get_text(strip=True) for row in page.select("tr.referral-expires-soon")]
    assert highlighted == [soon.reference]
    rows = {row.select("td")[0].get_text(strip=True): row for row in page.select("table.listing tbody tr")}
    assert rows[soon.reference].select_one(".referral-expiry-tag") is not None
    assert rows[later.reference].select_one(".referral-expiry-tag") is None
    assert rows[open_case.reference].select("td")[-1].get_text(strip=True) == "—"
    assert rows[later.reference].select("td")[-1].get_text(strip=True) != "—"
    assert set(_listed_references(staff_client.get(url, {"expiring": "on"}))) == {soon.reference}


# -- one case --------------------------------------------------------------------------------


def test_detail_shows_decrypted_text_escaped_and_audits_the_view(staff_client, make_referral, handler_2fa):
    referral = make_referral(
        description='<script>alert("x")</script>\n<b>bold</b> second line',
        contact_phone="+358 40 123 4567",
    )
    ReferralMessage.objects.create(referral=referral, kind=ReferralMessage.Kind.FROM_REPORTER, text="Lisätietoa <i>")
    ReferralMessage.objects.create(
        referral=referral, kind=ReferralMessage.Kind.NOTE, text="Soitettu", author=handler_2fa
    )
    response = staff_client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content and "<b>bold" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;bold&lt;/b&gt; second line" in content
    assert "+358 40 123 4567" in content
    assert "Lisätietoa &lt;i&gt;" in content and "Soitettu" in content
    assert handler_2fa.get_full_name() in content
    entry = ReferralAuditEntry.objects.get(action=Action.VIEW)
    assert entry.referral_reference == referral.reference and entry.user == handler_2fa
    assert "script" not in entry.detail
    for form in soup(response).select("form[method=post]"):
        for field in form.select("select, textarea, input:not([type=hidden])"):
            assert soup(response).select_one(f"label[for={field['id']}]") is not None


def test_unknown_case_is_404_for_staff_and_403_for_editors(staff_client, editor_client):
    url = reverse("referrals:detail", args=[uuid.uuid4()])
    assert staff_client.get(url).status_code == 404
    assert editor_client.get(url).status_code == 403


def test_status_change_is_saved_timed_and_audited(staff_client, make_referral, handler_2fa):
    referral = make_referral(status_changed_at=timezone.now() - datetime.timedelta(days=5))
    response = staff_client.post(reverse("referrals:status", args=[referral.pk]), {"status": "in_review"})
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_REVIEW
    assert timezone.now() - referral.status_changed_at < datetime.timedelta(minutes=1)
    entry = ReferralAuditEntry.objects.get(action=Action.STATUS)
    assert entry.detail == "new → in_review"
    assert entry.user == handler_2fa and entry.referral_reference == referral.reference


def test_invalid_status_changes_nothing(staff_client, make_referral):
    referral = make_referral()
    response = staff_client.post(reverse("referrals:status", args=[referral.pk]), {"status": "bogus"})
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NEW
    assert not ReferralAuditEntry.objects.filter(action=Action.STATUS).exists()


def test_assignment_offers_handlers_only_and_is_audited(staff_client, make_referral, handler_2fa, handler, editor):
    referral = make_referral()
    page = soup(staff_client.get(reverse("referrals:detail", args=[referral.pk])))
    options = {option["value"] for option in page.select("select[name=assignee] option") if option["value"]}
    assert str(handler.pk) in options and str(handler_2fa.pk) in options
    assert str(editor.pk) not in options
    url = reverse("referrals:assign", args=[referral.pk])
    assert staff_client.post(url, {"assignee": editor.pk}).status_code == 400
    assert staff_client.post(url, {"assignee": handler.pk}).status_code == 302
    referral.refresh_from_db()
    assert referral.assignee == handler
    entry = ReferralAuditEntry.objects.get(action=Action.ASSIGN)
    assert entry.detail == "- → handler" and entry.referral_reference == referral.reference
    assert staff_client.post(url, {"assignee": ""}).status_code == 302
    referral.refresh_from_db()
    assert referral.assignee is None


def test_note_and_reply_are_stored_encrypted_and_audited(staff_client, make_referral, handler_2fa):
    referral = make_referral()
    staff_client.post(reverse("referrals:note", args=[referral.pk]), {"note-text": "Sisäinen huomio"})
    staff_client.post(reverse("referrals:reply", args=[referral.pk]), {"reply-text": "Otamme yhteyttä"})
    note = ReferralMessage.objects.get(kind=ReferralMessage.Kind.NOTE)
    reply = ReferralMessage.objects.get(kind=ReferralMessage.Kind.REPLY)
    assert note.text == "Sisäinen huomio" and note.author == handler_2fa and note.referral_id == referral.pk
    assert reply.text == "Otamme yhteyttä" and reply.author == handler_2fa
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM referral_form_referralmessage")
        stored = [row[0] for row in cursor.fetchall()]
    assert all(value.startswith(crypto.TOKEN_PREFIX) for value in stored)
    assert not any("Sisäinen" in value for value in stored)
    entries = ReferralAuditEntry.objects.filter(referral_reference=referral.reference)
    assert set(entries.values_list("action", flat=True)) == {Action.NOTE, Action.REPLY}
    assert not any("Sisäinen" in entry.detail or "Otamme" in entry.detail for entry in entries)
    # The thread shows both, with author and kind.
    content = staff_client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Sisäinen huomio" in content and "Otamme yhteyttä" in content


def test_empty_note_is_refused(staff_client, make_referral):
    referral = make_referral()
    response = staff_client.post(reverse("referrals:note", args=[referral.pk]), {"note-text": "  "})
    assert response.status_code == 400
    assert not ReferralMessage.objects.exists()
    assert not ReferralAuditEntry.objects.filter(action=Action.NOTE).exists()


def test_delete_asks_first_then_deletes_for_real(staff_client, make_referral, handler_2fa):
    referral = make_referral(description=SECRET_WORD)
    ReferralMessage.objects.create(referral=referral, kind=ReferralMessage.Kind.FROM_REPORTER, text="lisää")
    url = reverse("referrals:delete", args=[referral.pk])
    confirmation = staff_client.get(url)
    assert confirmation.status_code == 200
    assert soup(confirmation).select_one(f"form[method=post][action='{url}']") is not None
    assert Referral.objects.filter(pk=referral.pk).exists()
    response = staff_client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("referrals:list")
    assert not Referral.objects.filter(pk=referral.pk).exists()
    assert not ReferralMessage.objects.exists()
    entry = ReferralAuditEntry.objects.get(action=Action.DELETE)
    assert entry.referral_reference == referral.reference and entry.user == handler_2fa
    assert SECRET_WORD not in entry.detail


# -- the audit log ---------------------------------------------------------------------------


def test_audit_log_lists_who_did_what_when(staff_client, make_referral, handler_2fa):
    referral = make_referral()
    other = make_referral()
    staff_client.get(reverse("referrals:detail", args=[referral.pk]))
    staff_client.get(reverse("referrals:detail", args=[other.pk]))
    staff_client.post(reverse("referrals:status", args=[referral.pk]), {"status": "spam"})
    response = staff_client.get(reverse("referrals:audit"))
    assert response.status_code == 200
    rows = soup(response).select("table.listing tbody tr")
    assert len(rows) == 3
    newest = [cell.get_text(strip=True) for cell in rows[0].select("th, td")]
    assert newest[1] == handler_2fa.get_username()
    assert newest[3] == referral.reference
    assert newest[4] == "new → spam"
    one_case = soup(staff_client.get(reverse("referrals:audit"), {"reference": referral.reference.lower()}))
    assert len(one_case.select("table.listing tbody tr")) == 2


def test_audit_log_is_paginated(staff_client, handler_2fa):
    ReferralAuditEntry.objects.bulk_create(
        ReferralAuditEntry(user=handler_2fa, action=Action.LIST) for _ in range(60)
    )
    assert len(soup(staff_client.get(reverse("referrals:audit"))).select("table.listing tbody tr")) == 50
    second = staff_client.get(reverse("referrals:audit"), {"p": 2})
    assert len(soup(second).select("table.listing tbody tr")) == 10


def test_a_session_verified_for_one_user_does_not_carry_over(handler_2fa, superuser_2fa, make_referral):
    # A device id of another user in the session does not verify this one.
    client = verified_client(handler_2fa, superuser_2fa.totp_device)
    response = client.get(reverse("referrals:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("referrals:two_factor_verify"))


def test_handling_actions_and_delete_decrypt_nothing(staff_client, make_referral, monkeypatch, handler):
    referral = make_referral()
    ReferralMessage.objects.create(referral=referral, kind=ReferralMessage.Kind.FROM_REPORTER, text="lisää")

    def refuse(stored):
        raise AssertionError("only the detail view may decrypt")

    monkeypatch.setattr(crypto, "decrypt_from_storage", refuse)
    pk = referral.pk
    assert staff_client.post(reverse("referrals:status", args=[pk]), {"status": "in_review"}).status_code == 302
    assert staff_client.post(reverse("referrals:assign", args=[pk]), {"assignee": handler.pk}).status_code == 302
    assert staff_client.post(reverse("referrals:note", args=[pk]), {"note-text": "x"}).status_code == 302
    assert staff_client.get(reverse("referrals:delete", args=[pk])).status_code == 200
    assert staff_client.post(reverse("referrals:delete", args=[pk])).status_code == 302
    assert not Referral.objects.filter(pk=pk).exists()
    assert not ReferralMessage.objects.filter(referral_id=pk).exists()


def test_detail_shows_what_was_written_in_the_forms_order(staff_client, make_referral, handler_2fa):
    """The case reads as the form did: its facts and texts follow REPORTED_FIELDS, and the forms of
    exploitation come right after what happened."""
    from referral_form.models import REPORTED_FIELDS

    referral = make_referral(
        exploitation_types=["labour"], region="uusimaa", municipality="Vantaa", person_name="A. N.",
        referrer_contact="Järjestö X", contact_phone="+358 40 000 0000",
    )
    page = soup(staff_client.get(reverse("referrals:detail", args=[referral.pk])))
    with translation.override(page.html["lang"]):
        labels = [str(Referral._meta.get_field(name).verbose_name).lower() for name in REPORTED_FIELDS]
        kinds_label = gettext("Kinds of exploitation")
    for rows in (".referral-facts th", "dt"):
        shown = [label for cell in page.select(rows) if (label := cell.get_text(strip=True).lower()) in labels]
        assert shown == [label for label in labels if label in shown], rows
    texts = [cell.get_text(strip=True).lower() for cell in page.select("dt")]
    facts = [cell.get_text(strip=True) for cell in page.select(".referral-facts th")]
    written = ("municipality", "person_name", "contact_phone")
    assert {labels[REPORTED_FIELDS.index(name)] for name in written} <= set(texts)
    writer = next(i for i, label in enumerate(facts) if label.lower() == labels[0])
    assert facts[writer + 1] == kinds_label
