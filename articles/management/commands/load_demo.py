from django.conf import settings
from django.core.management.base import BaseCommand

from articles.demo import SLUG, load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent). Demo logins are created only while DEBUG is on."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo logins.")

    def handle(self, *args, no_users=False, **options):
        # Known passwords must never reach a production database.
        with_users = settings.DEBUG and not no_users
        result = load_demo(with_users=with_users)
        self.stdout.write(f"Demo article: /articles/{SLUG}/ (admin: {result['article']})")
        if result["logins"]:
            self.stdout.write("Demo logins for http://127.0.0.1:8000/admin/ (development only):")
            for username, password in result["logins"].items():
                self.stdout.write(f"  {username:<12} {password}")
        elif not no_users:
            self.stdout.write("DEBUG is off: no demo logins created.")
