"""The fixed lists the whole site shares: Finland's regions and the forms of exploitation.

One definition each, with gettext labels, so every one of the site's languages names them from the
interface catalogues: the service directory's filters and entries, the statistics' rows and the
referral form's questions all take their choices from here (`pages/` owns them because the referral
form may import `pages/`, never the other way round). Their codes are stable: they are the values of
public filter URLs and of stored rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The whole country and Finland's nineteen regions (maakunnat), Åland included."""

    WHOLE_COUNTRY = "finland", _("Whole of Finland")
    UUSIMAA = "uusimaa", _("Uusimaa")
    VARSINAIS_SUOMI = "varsinais-suomi", _("Southwest Finland")
    SATAKUNTA = "satakunta", _("Satakunta")
    KANTA_HAME = "kanta-hame", _("Kanta-Häme")
    PIRKANMAA = "pirkanmaa", _("Pirkanmaa")
    PAIJAT_HAME = "paijat-hame", _("Päijät-Häme")
    KYMENLAAKSO = "kymenlaakso", _("Kymenlaakso")
    ETELA_KARJALA = "etela-karjala", _("South Karelia")
    ETELA_SAVO = "etela-savo", _("South Savo")
    POHJOIS_SAVO = "pohjois-savo", _("North Savo")
    POHJOIS_KARJALA = "pohjois-karjala", _("North Karelia")
    KESKI_SUOMI = "keski-suomi", _("Central Finland")
    ETELA_POHJANMAA = "etela-pohjanmaa", _("South Ostrobothnia")
    POHJANMAA = "pohjanmaa", _("Ostrobothnia")
    KESKI_POHJANMAA = "keski-pohjanmaa", _("Central Ostrobothnia")
    POHJOIS_POHJANMAA = "pohjois-pohjanmaa", _("North Ostrobothnia")
    KAINUU = "kainuu", _("Kainuu")
    LAPPI = "lappi", _("Lapland")
    AHVENANMAA = "ahvenanmaa", _("Åland")


class ExploitationKind(models.TextChoices):
    LABOUR = "labour", _("Labour exploitation")
    SEXUAL = "sexual", _("Sexual exploitation")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality")
    OTHER = "other", _("Other forms of exploitation")

