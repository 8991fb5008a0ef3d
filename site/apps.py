from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    label = "website"
    verbose_name = "Website"

    def ready(self):
        from website.security import give_choosers_a_nonce

        give_choosers_a_nonce()
