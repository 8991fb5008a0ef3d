from modeltranslation.translator import TranslationOptions, register

from referral_form.models import ExploitationType, Region


@register(ExploitationType)
class ExploitationTypeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)
