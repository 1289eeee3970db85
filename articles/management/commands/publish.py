from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from articles import publishing
from articles.models import Article


class Command(BaseCommand):
    help = "Publish an article through the publish gate; exits 1 listing what blocks it."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--user", help="Act as this user (checks their publish permission).")

    def handle(self, *args, slug, user=None, **options):
        try:
            article = Article.objects.get(slug=slug)
        except Article.DoesNotExist:
            raise CommandError(f"No article with the slug “{slug}”.") from None
        acting = None
        if user:
            acting = get_user_model().objects.filter(username=user).first()
            if acting is None:
                raise CommandError(f"No user “{user}”.")
        try:
            publishing.publish(article, user=acting)
        except publishing.PublishRefused as refusal:
            for blocker in refusal.blockers:
                self.stderr.write(f"  - {blocker.message}")
            raise CommandError(
                f"“{article}” was not published: {len(refusal.blockers)} problem(s) to fix."
            ) from None
        except PermissionDenied as denied:
            raise CommandError(str(denied)) from None
        self.stdout.write(self.style.SUCCESS(f"Published “{article}” at {article.get_absolute_url()}"))
