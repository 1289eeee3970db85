from django.conf import settings
from django.core.management.base import BaseCommand

from articles.demo import SLUG, load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent). Demo logins are created only while DEBUG is on."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Do not create the demo logins.")
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the printed links (make run passes its HOST and PORT).",
        )

    def handle(self, *args, no_users=False, site="http://127.0.0.1:8000", **options):
        # Known passwords must never reach a production database.
        with_users = settings.DEBUG and not no_users
        result = load_demo(with_users=with_users)
        self.stdout.write(f"Demo article: /articles/{SLUG}/ (admin: {result['article']})")
        if result["logins"]:
            site = site.rstrip("/")
            self.stdout.write(f"Demo logins for {site}/admin/ (development only):")
            for username, password in result["logins"].items():
                self.stdout.write(f"  {username:<12} {password}")
            self.stdout.write(f"Fact-checkers land on the desk: {site}/desk/")
        elif not no_users:
            self.stdout.write("DEBUG is off: no demo logins created.")
