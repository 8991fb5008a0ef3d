"""Regions and forms of exploitation from the site's one list (pages/vocabulary.py).

They were translated snippets of their own (ExploitationType, Region), a second definition beside
the lists that the service directory and the statistics use. A referral now keeps the region's code
in a column and each suspected form of exploitation as a row of ReferralExploitation; what existing
referrals chose is copied over by code before the snippet tables go.
"""

from django.db import migrations, models
from django.db.models import deletion

EXPLOITATION_KINDS = {"labour", "sexual", "forced_marriage", "forced_begging", "forced_criminality", "other"}


def copy_choices(apps, schema_editor):
    Referral = apps.get_model("referral_form", "Referral")
    ReferralExploitation = apps.get_model("referral_form", "ReferralExploitation")
    for region in apps.get_model("referral_form", "Region").objects.all():
        Referral.objects.filter(region_old=region).update(region=region.code)
    links = Referral.exploitation_types.through.objects.filter(exploitationtype__code__in=EXPLOITATION_KINDS)
    ReferralExploitation.objects.bulk_create(
        [
            ReferralExploitation(referral_id=referral_id, kind=code)
            for referral_id, code in links.values_list("referral_id", "exploitationtype__code")
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("referral_form", "0005_form_token_use"),
    ]

    operations = [
        migrations.RenameField("referral", "region", "region_old"),
        migrations.AddField(
            model_name="referral",
            name="region",
            field=models.CharField(
                blank=True, default="", max_length=40, verbose_name="region",
                choices=[
                    ("uusimaa", "Uusimaa"), ("varsinais-suomi", "Southwest Finland"), ("satakunta", "Satakunta"),
                    ("kanta-hame", "Kanta-Häme"), ("pirkanmaa", "Pirkanmaa"), ("paijat-hame", "Päijät-Häme"),
                    ("kymenlaakso", "Kymenlaakso"), ("etela-karjala", "South Karelia"),
                    ("etela-savo", "South Savo"), ("pohjois-savo", "North Savo"),
                    ("pohjois-karjala", "North Karelia"), ("keski-suomi", "Central Finland"),
                    ("etela-pohjanmaa", "South Ostrobothnia"), ("pohjanmaa", "Ostrobothnia"),
                    ("keski-pohjanmaa", "Central Ostrobothnia"), ("pohjois-pohjanmaa", "North Ostrobothnia"),
                    ("kainuu", "Kainuu"), ("lappi", "Lapland"), ("ahvenanmaa", "Åland"),
                    ("abroad", "Outside Finland"),
                ],
            ),
        ),
        migrations.CreateModel(
            name="ReferralExploitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        max_length=20, verbose_name="form of exploitation",
                        choices=[
                            ("labour", "Labour exploitation"), ("sexual", "Sexual exploitation"),
                            ("forced_marriage", "Forced marriage"), ("forced_begging", "Forced begging"),
                            ("forced_criminality", "Forced criminality"), ("other", "Other forms of exploitation"),
                        ],
                    ),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        on_delete=deletion.CASCADE, related_name="exploitation_kinds", to="referral_form.referral"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("referral", "kind"), name="referral_exploitation_once"),
                ],
            },
        ),
        migrations.RunPython(copy_choices, migrations.RunPython.noop),
        migrations.RemoveField("referral", "region_old"),
        migrations.RemoveField("referral", "exploitation_types"),
        migrations.DeleteModel("ExploitationType"),
        migrations.DeleteModel("Region"),
    ]
