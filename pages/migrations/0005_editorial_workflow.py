"""The editorial workflow: "Editors" write, "Publishers" approve and publish.

- Editors may add, edit and lock pages, but not publish: they submit a page for review.
- Publishers may add, edit, lock, unlock, publish and unpublish pages.
- The workflow "Review before publishing" has one task, "Publisher approval", for the Publishers
  group, and covers the root page, so every language tree goes through it.

Both groups get the admin, image and document permissions an editor needs, and nothing from
`referral_form`. Permissions are granted on the root page (not on a home page), because the demo
content and every language tree are created later, under the root. Running the migration again,
or on a database where a group or the workflow exists already, changes nothing twice.
"""

from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
WORKFLOW = "Review before publishing"
TASK = "Publisher approval"
# Wagtail's own default workflow, created by wagtailcore's migrations for the "Moderators" group.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    PUBLISHERS: ["add_page", "change_page", "lock_page", "unlock_page", "publish_page"],
}
# (app label, codename) of the global permissions both groups need.
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]
# Images and documents are permitted per collection; the root collection covers them all.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_permissions_exist(apps):
    """Django creates permissions after the last migration; a fresh database needs them now."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_groups_and_workflow(apps, schema_editor):
    ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.get(depth=1)  # wagtailcore's migrations always create it
    root_collection = Collection.objects.get(depth=1)

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission("wagtailcore", codename)
            )
        for app_label, codename in MODEL_PERMISSIONS:
            group.permissions.add(permission(app_label, codename))
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )

    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(groups[PUBLISHERS])

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # A page has at most one workflow: ours replaces Wagtail's default one on the root page.
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()
    Group.objects.filter(name=PUBLISHERS).delete()
    # "Editors" is Wagtail's own group: take back only the lock permission added here.
    GroupPagePermission.objects.filter(
        group__name=EDITORS, permission__codename="lock_page", page__depth=1
    ).delete()
    default_workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    root_page = Page.objects.get(depth=1)
    if default_workflow is not None and not WorkflowPage.objects.filter(page=root_page).exists():
        WorkflowPage.objects.create(page=root_page, workflow=default_workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_directory_choices_and_content_generation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow),
    ]
