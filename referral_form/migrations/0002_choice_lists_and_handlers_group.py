"""Seed the translated choice lists and create the "Referral handlers" group."""

from django.db import migrations

# Names per language code. Editors can change them later in the admin (snippets).
EXPLOITATION_TYPES = [
    (
        "labour",
        {
            "fi": "Työperäinen hyväksikäyttö",
            "sv": "Arbetskraftsexploatering",
            "en": "Labour exploitation",
            "ru": "Трудовая эксплуатация",
            "uk": "Трудова експлуатація",
            "et": "Tööalane ärakasutamine",
            "ro": "Exploatare prin muncă",
            "ar": "الاستغلال في العمل",
            "fa": "بهره‌کشی کاری",
            "so": "Ka faa'iideysiga shaqada",
            "th": "การแสวงประโยชน์ด้านแรงงาน",
            "vi": "Bóc lột lao động",
            "fr": "Exploitation par le travail",
        },
    ),
    (
        "sexual",
        {
            "fi": "Seksuaalinen hyväksikäyttö",
            "sv": "Sexuell exploatering",
            "en": "Sexual exploitation",
            "ru": "Сексуальная эксплуатация",
            "uk": "Сексуальна експлуатація",
            "et": "Seksuaalne ärakasutamine",
            "ro": "Exploatare sexuală",
            "ar": "الاستغلال الجنسي",
            "fa": "بهره‌کشی جنسی",
            "so": "Ka faa'iideysiga galmada",
            "th": "การแสวงประโยชน์ทางเพศ",
            "vi": "Bóc lột tình dục",
            "fr": "Exploitation sexuelle",
        },
    ),
    (
        "forced_marriage",
        {
            "fi": "Pakkoavioliitto",
            "sv": "Tvångsäktenskap",
            "en": "Forced marriage",
            "ru": "Принудительный брак",
            "uk": "Примусовий шлюб",
            "et": "Sunniviisiline abielu",
            "ro": "Căsătorie forțată",
            "ar": "الزواج القسري",
            "fa": "ازدواج اجباری",
            "so": "Guur qasab ah",
            "th": "การบังคับแต่งงาน",
            "vi": "Cưỡng ép kết hôn",
            "fr": "Mariage forcé",
        },
    ),
    (
        "forced_criminality",
        {
            "fi": "Pakottaminen rikoksiin",
            "sv": "Tvång att begå brott",
            "en": "Forced criminality",
            "ru": "Принуждение к преступной деятельности",
            "uk": "Примушування до злочинної діяльності",
            "et": "Kuritegudele sundimine",
            "ro": "Obligarea la comiterea de infracțiuni",
            "ar": "الإجبار على ارتكاب الجرائم",
            "fa": "اجبار به ارتکاب جرم",
            "so": "Ku qasbidda falal dambiyeed",
            "th": "การบังคับให้ก่ออาชญากรรม",
            "vi": "Cưỡng ép phạm tội",
            "fr": "Contrainte à commettre des délits",
        },
    ),
    (
        "forced_begging",
        {
            "fi": "Pakottaminen kerjäämiseen",
            "sv": "Tvång att tigga",
            "en": "Forced begging",
            "ru": "Принуждение к попрошайничеству",
            "uk": "Примушування до жебракування",
            "et": "Kerjamisele sundimine",
            "ro": "Obligarea la cerșetorie",
            "ar": "الإجبار على التسوّل",
            "fa": "اجبار به تکدی‌گری",
            "so": "Ku qasbidda dawarsiga",
            "th": "การบังคับให้ขอทาน",
            "vi": "Cưỡng ép ăn xin",
            "fr": "Mendicité forcée",
        },
    ),
    (
        "other",
        {
            "fi": "Muu hyväksikäyttö",
            "sv": "Annan exploatering",
            "en": "Other exploitation",
            "ru": "Другие виды эксплуатации",
            "uk": "Інші види експлуатації",
            "et": "Muu ärakasutamine",
            "ro": "Altă formă de exploatare",
            "ar": "أشكال أخرى من الاستغلال",
            "fa": "سایر انواع بهره‌کشی",
            "so": "Nooc kale oo ka faa'iideysi ah",
            "th": "การแสวงประโยชน์รูปแบบอื่น",
            "vi": "Hình thức bóc lột khác",
            "fr": "Autre forme d'exploitation",
        },
    ),
]

REGIONS = [
    (
        "uusimaa",
        {
            "fi": "Uusimaa",
            "sv": "Nyland",
            "en": "Uusimaa",
            "ru": "Уусимаа",
            "uk": "Уусімаа",
            "et": "Uusimaa",
            "ro": "Uusimaa",
            "ar": "أوسيما",
            "fa": "اوسیما",
            "so": "Uusimaa",
            "th": "อูซิมา",
            "vi": "Uusimaa",
            "fr": "Uusimaa",
        },
    ),
    (
        "varsinais-suomi",
        {
            "fi": "Varsinais-Suomi",
            "sv": "Egentliga Finland",
            "en": "Southwest Finland",
            "ru": "Исконная Финляндия",
            "uk": "Південно-Західна Фінляндія",
            "et": "Edela-Soome",
            "ro": "Finlanda de Sud-Vest",
            "ar": "جنوب غرب فنلندا",
            "fa": "جنوب غربی فنلاند",
            "so": "Varsinais-Suomi",
            "th": "ฟินแลนด์ตะวันตกเฉียงใต้",
            "vi": "Tây Nam Phần Lan",
            "fr": "Finlande-Propre",
        },
    ),
    (
        "satakunta",
        {
            "fi": "Satakunta",
            "sv": "Satakunta",
            "en": "Satakunta",
            "ru": "Сатакунта",
            "uk": "Сатакунта",
            "et": "Satakunta",
            "ro": "Satakunta",
            "ar": "ساتاكونتا",
            "fa": "ساتاکونتا",
            "so": "Satakunta",
            "th": "ซาตากุนตา",
            "vi": "Satakunta",
            "fr": "Satakunta",
        },
    ),
    (
        "kanta-hame",
        {
            "fi": "Kanta-Häme",
            "sv": "Egentliga Tavastland",
            "en": "Kanta-Häme",
            "ru": "Канта-Хяме",
            "uk": "Канта-Хяме",
            "et": "Kanta-Häme",
            "ro": "Kanta-Häme",
            "ar": "كانتا هامي",
            "fa": "کانتا-هامه",
            "so": "Kanta-Häme",
            "th": "คันตา-แฮเม",
            "vi": "Kanta-Häme",
            "fr": "Tavastie-Propre",
        },
    ),
    (
        "pirkanmaa",
        {
            "fi": "Pirkanmaa",
            "sv": "Birkaland",
            "en": "Pirkanmaa",
            "ru": "Пирканмаа",
            "uk": "Пірканмаа",
            "et": "Pirkanmaa",
            "ro": "Pirkanmaa",
            "ar": "بيركانما",
            "fa": "پیرکانما",
            "so": "Pirkanmaa",
            "th": "พีร์กันมา",
            "vi": "Pirkanmaa",
            "fr": "Pirkanmaa",
        },
    ),
    (
        "paijat-hame",
        {
            "fi": "Päijät-Häme",
            "sv": "Päijänne-Tavastland",
            "en": "Päijät-Häme",
            "ru": "Пяйят-Хяме",
            "uk": "Пяйят-Хяме",
            "et": "Päijät-Häme",
            "ro": "Päijät-Häme",
            "ar": "بايات هامي",
            "fa": "پایات-هامه",
            "so": "Päijät-Häme",
            "th": "แพยัต-แฮเม",
            "vi": "Päijät-Häme",
            "fr": "Päijät-Häme",
        },
    ),
    (
        "kymenlaakso",
        {
            "fi": "Kymenlaakso",
            "sv": "Kymmenedalen",
            "en": "Kymenlaakso",
            "ru": "Кюменлааксо",
            "uk": "Кюменлааксо",
            "et": "Kymenlaakso",
            "ro": "Kymenlaakso",
            "ar": "كيمنلاكسو",
            "fa": "کومنلاکسو",
            "so": "Kymenlaakso",
            "th": "คูเมนลากโซ",
            "vi": "Kymenlaakso",
            "fr": "Vallée de la Kymi",
        },
    ),
    (
        "etela-karjala",
        {
            "fi": "Etelä-Karjala",
            "sv": "Södra Karelen",
            "en": "South Karelia",
            "ru": "Южная Карелия",
            "uk": "Південна Карелія",
            "et": "Lõuna-Karjala",
            "ro": "Karelia de Sud",
            "ar": "كاريليا الجنوبية",
            "fa": "کارلیای جنوبی",
            "so": "Etelä-Karjala",
            "th": "คาเรเลียใต้",
            "vi": "Nam Karelia",
            "fr": "Carélie du Sud",
        },
    ),
    (
        "etela-savo",
        {
            "fi": "Etelä-Savo",
            "sv": "Södra Savolax",
            "en": "South Savo",
            "ru": "Южное Саво",
            "uk": "Південне Саво",
            "et": "Lõuna-Savo",
            "ro": "Savonia de Sud",
            "ar": "سافو الجنوبية",
            "fa": "ساووی جنوبی",
            "so": "Etelä-Savo",
            "th": "ซาโวใต้",
            "vi": "Nam Savo",
            "fr": "Savonie du Sud",
        },
    ),
    (
        "pohjois-savo",
        {
            "fi": "Pohjois-Savo",
            "sv": "Norra Savolax",
            "en": "North Savo",
            "ru": "Северное Саво",
            "uk": "Північне Саво",
            "et": "Põhja-Savo",
            "ro": "Savonia de Nord",
            "ar": "سافو الشمالية",
            "fa": "ساووی شمالی",
            "so": "Pohjois-Savo",
            "th": "ซาโวเหนือ",
            "vi": "Bắc Savo",
            "fr": "Savonie du Nord",
        },
    ),
    (
        "pohjois-karjala",
        {
            "fi": "Pohjois-Karjala",
            "sv": "Norra Karelen",
            "en": "North Karelia",
            "ru": "Северная Карелия",
            "uk": "Північна Карелія",
            "et": "Põhja-Karjala",
            "ro": "Karelia de Nord",
            "ar": "كاريليا الشمالية",
            "fa": "کارلیای شمالی",
            "so": "Pohjois-Karjala",
            "th": "คาเรเลียเหนือ",
            "vi": "Bắc Karelia",
            "fr": "Carélie du Nord",
        },
    ),
    (
        "keski-suomi",
        {
            "fi": "Keski-Suomi",
            "sv": "Mellersta Finland",
            "en": "Central Finland",
            "ru": "Центральная Финляндия",
            "uk": "Центральна Фінляндія",
            "et": "Kesk-Soome",
            "ro": "Finlanda Centrală",
            "ar": "فنلندا الوسطى",
            "fa": "فنلاند مرکزی",
            "so": "Keski-Suomi",
            "th": "ฟินแลนด์ตอนกลาง",
            "vi": "Trung Phần Lan",
            "fr": "Finlande-Centrale",
        },
    ),
    (
        "etela-pohjanmaa",
        {
            "fi": "Etelä-Pohjanmaa",
            "sv": "Södra Österbotten",
            "en": "South Ostrobothnia",
            "ru": "Южная Остроботния",
            "uk": "Південна Остроботнія",
            "et": "Lõuna-Pohjanmaa",
            "ro": "Ostrobotnia de Sud",
            "ar": "أوستروبوتنيا الجنوبية",
            "fa": "اوستروبوتنیای جنوبی",
            "so": "Etelä-Pohjanmaa",
            "th": "ออสโตรบอทเนียใต้",
            "vi": "Nam Ostrobothnia",
            "fr": "Ostrobotnie du Sud",
        },
    ),
    (
        "pohjanmaa",
        {
            "fi": "Pohjanmaa",
            "sv": "Österbotten",
            "en": "Ostrobothnia",
            "ru": "Остроботния",
            "uk": "Остроботнія",
            "et": "Pohjanmaa",
            "ro": "Ostrobotnia",
            "ar": "أوستروبوتنيا",
            "fa": "اوستروبوتنیا",
            "so": "Pohjanmaa",
            "th": "ออสโตรบอทเนีย",
            "vi": "Ostrobothnia",
            "fr": "Ostrobotnie",
        },
    ),
    (
        "keski-pohjanmaa",
        {
            "fi": "Keski-Pohjanmaa",
            "sv": "Mellersta Österbotten",
            "en": "Central Ostrobothnia",
            "ru": "Центральная Остроботния",
            "uk": "Центральна Остроботнія",
            "et": "Kesk-Pohjanmaa",
            "ro": "Ostrobotnia Centrală",
            "ar": "أوستروبوتنيا الوسطى",
            "fa": "اوستروبوتنیای مرکزی",
            "so": "Keski-Pohjanmaa",
            "th": "ออสโตรบอทเนียกลาง",
            "vi": "Trung Ostrobothnia",
            "fr": "Ostrobotnie-Centrale",
        },
    ),
    (
        "pohjois-pohjanmaa",
        {
            "fi": "Pohjois-Pohjanmaa",
            "sv": "Norra Österbotten",
            "en": "North Ostrobothnia",
            "ru": "Северная Остроботния",
            "uk": "Північна Остроботнія",
            "et": "Põhja-Pohjanmaa",
            "ro": "Ostrobotnia de Nord",
            "ar": "أوستروبوتنيا الشمالية",
            "fa": "اوستروبوتنیای شمالی",
            "so": "Pohjois-Pohjanmaa",
            "th": "ออสโตรบอทเนียเหนือ",
            "vi": "Bắc Ostrobothnia",
            "fr": "Ostrobotnie du Nord",
        },
    ),
    (
        "kainuu",
        {
            "fi": "Kainuu",
            "sv": "Kajanaland",
            "en": "Kainuu",
            "ru": "Кайнуу",
            "uk": "Кайнуу",
            "et": "Kainuu",
            "ro": "Kainuu",
            "ar": "كاينو",
            "fa": "کاینوو",
            "so": "Kainuu",
            "th": "ไคนู",
            "vi": "Kainuu",
            "fr": "Kainuu",
        },
    ),
    (
        "lappi",
        {
            "fi": "Lappi",
            "sv": "Lappland",
            "en": "Lapland",
            "ru": "Лапландия",
            "uk": "Лапландія",
            "et": "Lapimaa",
            "ro": "Laponia",
            "ar": "لابلاند",
            "fa": "لاپلند",
            "so": "Lappi",
            "th": "แลปแลนด์",
            "vi": "Lapland",
            "fr": "Laponie",
        },
    ),
    (
        "ahvenanmaa",
        {
            "fi": "Ahvenanmaa",
            "sv": "Åland",
            "en": "Åland",
            "ru": "Аландские острова",
            "uk": "Аландські острови",
            "et": "Ahvenamaa",
            "ro": "Insulele Åland",
            "ar": "جزر أولاند",
            "fa": "جزایر آلند",
            "so": "Åland",
            "th": "หมู่เกาะโอลันด์",
            "vi": "Quần đảo Åland",
            "fr": "Åland",
        },
    ),
    (
        "abroad",
        {
            "fi": "Suomen ulkopuolella",
            "sv": "Utanför Finland",
            "en": "Outside Finland",
            "ru": "За пределами Финляндии",
            "uk": "За межами Фінляндії",
            "et": "Väljaspool Soomet",
            "ro": "În afara Finlandei",
            "ar": "خارج فنلندا",
            "fa": "خارج از فنلاند",
            "so": "Finland dibaddeeda",
            "th": "นอกประเทศฟินแลนด์",
            "vi": "Ngoài Phần Lan",
            "fr": "Hors de Finlande",
        },
    ),
]

HANDLER_PERMISSIONS = [
    ("referral_form", "referral", "handle_referral"),
    ("referral_form", "referral", "view_referral"),
    ("referral_form", "referral", "change_referral"),
    ("referral_form", "referral", "delete_referral"),
    ("wagtailadmin", "admin", "access_admin"),
]


def seed(apps, schema_editor):
    for model_name, items in (("ExploitationType", EXPLOITATION_TYPES), ("Region", REGIONS)):
        model = apps.get_model("referral_form", model_name)
        for order, (code, names) in enumerate(items):
            fields = {f"name_{language}": name for language, name in names.items()}
            model.objects.update_or_create(
                code=code, defaults={"name": names["fi"], "sort_order": order, **fields}
            )


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
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(create_group, remove_group),
    ]
