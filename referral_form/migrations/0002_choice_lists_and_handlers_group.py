"""Create the "Referral handlers" group.

This migration also filled the translated choice lists ExploitationType and Region, which migration
0006 replaced by the site's one list (pages/vocabulary.py); a database migrated before then keeps
what it chose, copied over by 0006, and a new one needs no rows.
"""

from django.db import migrations

HANDLER_PERMISSIONS = [
    ("referral_form", "referral", "handle_referral"),
    ("referral_form", "referral", "view_referral"),
    ("referral_form", "referral", "change_referral"),
    ("referral_form", "referral", "delete_referral"),
    ("wagtailadmin", "admin", "access_admin"),
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Referral handlers")
    for app_label, model, codename in HANDLER_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Referral handlers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("referral_form", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_group, remove_group),
    ]
