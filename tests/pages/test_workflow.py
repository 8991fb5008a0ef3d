"""The editorial workflow: Editors submit, Publishers approve or ask for changes, and publish.

The groups, their permissions and the workflow come from the migration 0005_editorial_workflow.
"""

import importlib
import uuid

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Task, TaskState, Workflow, WorkflowState

from tests.admin_forms import edit_form_data
from tests.utils import demo_keys, demo_page, demo_url_path

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("pages.migrations.0005_editorial_workflow")


@pytest.fixture
def editor(group_member):
    return group_member("Editors")


@pytest.fixture
def publisher(group_member):
    return group_member("Publishers")


@pytest.fixture
def editor_client(client_for, editor):
    return client_for(editor)


@pytest.fixture
def publisher_client(client_for, publisher):
    return client_for(publisher)


def page_permissions(group_name: str) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page__depth=1)
        .values_list("permission__codename", flat=True)
    )


def group_state() -> dict:
    """Everything the migration creates, to compare before and after running it again."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "page permissions": GroupPagePermission.objects.count(),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "tasks": sorted(Task.objects.values_list("name", flat=True)),
        "editors": sorted(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)),
        "publishers": sorted(Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)),
    }


def submit_with_title(client, page, title: str):
    data = edit_form_data(client, page)
    data["title"] = title
    data["action-submit"] = "action-submit"  # what the button posts
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def workflow_action(client, page, action: str, comment: str = ""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def public_title(client, key: str) -> str:
    response = client.get(demo_url_path(key, "fi"))
    assert response.status_code == 200
    return response.content.decode()


# -- what the migration sets up -----------------------------------------------------------------


def test_editors_may_add_and_edit_but_not_publish():
    assert page_permissions("Editors") == {"add_page", "change_page", "lock_page"}


def test_publishers_may_add_edit_and_publish():
    assert page_permissions("Publishers") == {"add_page", "change_page", "lock_page", "unlock_page", "publish_page"}


@pytest.mark.parametrize("group_name", ["Editors", "Publishers"])
def test_groups_reach_the_admin_images_and_documents_but_not_referrals(group_name):
    group = Group.objects.get(name=group_name)
    assert group.permissions.filter(codename="access_admin").exists()
    collection_permissions = set(group.collection_permissions.values_list("permission__codename", flat=True))
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= collection_permissions
    assert not group.permissions.filter(content_type__app_label="referral_form").exists()
    referral_permissions = Permission.objects.filter(content_type__app_label="referral_form")
    assert not group.collection_permissions.filter(permission__in=referral_permissions).exists()


def test_one_workflow_covers_every_language_tree():
    workflow = Workflow.objects.get(name="Review before publishing")
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["Publisher approval"]
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Publishers"]
    assert Page.get_first_root_node().get_workflow() == workflow
    for code in ("fi", "sv", "ar"):
        for key in demo_keys(code):
            assert demo_page(key, code).get_workflow() == workflow


def test_running_the_migration_again_changes_nothing():
    before = group_state()
    MIGRATION.create_groups_and_workflow(apps, None)
    assert group_state() == before


def test_the_migration_can_be_reversed_and_applied_again():
    MIGRATION.remove_groups_and_workflow(apps, None)
    assert not Group.objects.filter(name="Publishers").exists()
    assert not Workflow.objects.filter(name="Review before publishing").exists()
    assert page_permissions("Editors") == {"add_page", "change_page"}
    # Wagtail's own default workflow covers the root page again
    assert Page.get_first_root_node().get_workflow().name == "Moderators approval"
    assert Group.objects.filter(name="Referral handlers").exists()
    MIGRATION.create_groups_and_workflow(apps, None)
    assert Page.get_first_root_node().get_workflow().name == "Review before publishing"
    assert page_permissions("Publishers") == {"add_page", "change_page", "lock_page", "unlock_page", "publish_page"}


# -- the editor's path --------------------------------------------------------------------------


def test_editor_is_not_offered_publishing(editor_client, editor, publisher):
    page = demo_page("help", "fi")
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    assert not page.permissions_for_user(editor).can_publish()
    assert not page.permissions_for_user(editor).can_unpublish()
    assert page.permissions_for_user(publisher).can_publish()


def test_editor_publish_request_only_saves_a_draft(client, editor_client):
    page = demo_page("help", "fi")
    old_title = page.title
    data = edit_form_data(editor_client, page)
    data["title"] = "Luonnos, ei julkaistu"
    data["action-publish"] = "action-publish"  # what the button posts
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == old_title
    assert page.has_unpublished_changes
    assert page.get_latest_revision().content["title"] == "Luonnos, ei julkaistu"
    assert "Luonnos, ei julkaistu" not in public_title(client, "help")


def test_editor_cannot_unpublish(editor_client):
    page = demo_page("help", "fi")
    response = editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.live


def test_editor_submits_and_publisher_approves(client, editor_client, publisher_client):
    page = demo_page("help", "fi")
    response = submit_with_title(editor_client, page, "Apua ja tukea (tarkistettu)")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == "Review before publishing"
    assert page.current_workflow_task.name == "Publisher approval"
    assert "Apua ja tukea (tarkistettu)" not in public_title(client, "help")

    # the page awaits the publisher on their dashboard
    dashboard = publisher_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in dashboard

    response = workflow_action(publisher_client, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Apua ja tukea (tarkistettu)"
    assert page.live and not page.has_unpublished_changes
    assert not page.workflow_in_progress
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED
    assert "Apua ja tukea (tarkistettu)" in public_title(client, "help")


def test_publisher_asks_for_changes_with_a_comment(client, editor_client, publisher_client):
    page = demo_page("help", "fi")
    submit_with_title(editor_client, page, "Liian pitkä otsikko, joka pitää vielä muuttaa")
    page.refresh_from_db()
    response = workflow_action(publisher_client, page, "reject", comment="Lyhennä otsikkoa, kiitos.")
    assert response.status_code == 302
    page.refresh_from_db()
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Lyhennä otsikkoa, kiitos."
    assert page.title != "Liian pitkä otsikko, joka pitää vielä muuttaa"
    assert "Liian pitkä otsikko" not in public_title(client, "help")
    # the editor sees the comment in the page's edit view
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Lyhennä otsikkoa, kiitos." in html


def test_editor_cannot_approve_their_own_submission(editor_client):
    page = demo_page("help", "fi")
    submit_with_title(editor_client, page, "Itse hyväksytty?")
    page.refresh_from_db()
    response = workflow_action(editor_client, page, "approve")
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.title != "Itse hyväksytty?"


@pytest.mark.parametrize("group_name", ["Editors", "Publishers"])
@pytest.mark.parametrize(
    "path",
    ["/admin/referrals/", "/admin/referrals/audit/", "/admin/referrals/two-factor/setup/",
     f"/admin/referrals/{uuid.uuid4()}/"],
)
def test_no_access_to_referrals(group_member, client_for, group_name, path):
    client = client_for(group_member(group_name))
    response = client.get(path)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith("/admin/referrals/")
    assert reverse("referrals:list") not in client.get(reverse("wagtailadmin_home")).content.decode()
