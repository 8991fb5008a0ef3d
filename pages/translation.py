"""django-modeltranslation registrations: short shared data that is not a page."""

from modeltranslation.translator import TranslationOptions, register

from pages.models import TRANSLATED_SETTINGS_FIELDS, ContactPerson, SiteContactSettings
from pages.models.services import TRANSLATED_SERVICE_FIELDS, Service


@register(SiteContactSettings)
class SiteContactSettingsTranslationOptions(TranslationOptions):
    fields = TRANSLATED_SETTINGS_FIELDS
    required_languages = ("fi",)


@register(ContactPerson)
class ContactPersonTranslationOptions(TranslationOptions):
    fields = ("job_title", "organisation")
    required_languages = ()


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = TRANSLATED_SERVICE_FIELDS
    required_languages = {"fi": ("name", "description")}
