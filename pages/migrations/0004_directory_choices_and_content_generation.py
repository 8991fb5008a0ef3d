"""Rows behind the service directory's fixed choices, and the content generation's one row."""

from django.db import migrations

# The rows behind the directory's fixed choices (pages.vocabulary.Region and pages.models.services.TargetGroup), in order.
# A choice added there needs its row added by a migration like this one.
REGION_CODES = [
    "finland", "uusimaa", "varsinais-suomi", "satakunta", "kanta-hame", "pirkanmaa", "paijat-hame",
    "kymenlaakso", "etela-karjala", "etela-savo", "pohjois-savo", "pohjois-karjala", "keski-suomi",
    "etela-pohjanmaa", "pohjanmaa", "keski-pohjanmaa", "pohjois-pohjanmaa", "kainuu", "lappi", "ahvenanmaa",
]
TARGET_GROUP_CODES = ["trafficking_victims", "crime_victims", "sex_trade", "close_ones", "professionals"]


def create_choice_rows(apps, schema_editor):
    for model_name, codes in (("ServiceRegion", REGION_CODES), ("ServiceTargetGroup", TARGET_GROUP_CODES)):
        model = apps.get_model("pages", model_name)
        for order, code in enumerate(codes):
            model.objects.update_or_create(code=code, defaults={"sort_order": order})


def create_content_generation(apps, schema_editor):
    apps.get_model("pages", "ContentGeneration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_directory_statistics_documents_sharing")]

    operations = [
        migrations.RunPython(create_choice_rows, migrations.RunPython.noop),
        migrations.RunPython(create_content_generation, migrations.RunPython.noop),
    ]
