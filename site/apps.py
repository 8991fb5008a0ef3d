from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "website"
    label = "website"
    verbose_name = "Website"

    def ready(self):
        from website import checks  # noqa: F401 - registers the deployment checks
        from website.languages import show_missing_messages_in_english
        from website.security import give_choosers_a_nonce

        show_missing_messages_in_english()
        give_choosers_a_nonce()
