from django.core.management.base import BaseCommand

from website.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Load the demo pages in every language, once. Changes nothing if a home page exists."

    def handle(self, *args, **options):
        DemoLoader(stdout=self.stdout).load()
