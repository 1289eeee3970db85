"""Publish what is due. Run it every minute from cron or a systemd timer (see README)."""

from django.core.management.base import BaseCommand

from articles import publishing
from articles.models import Article


class Command(BaseCommand):
    help = "Publish ready articles whose publish_at has come, through the publish gate; report the rest."

    def handle(self, *args, **options):
        published = blocked = 0
        for article in Article.objects.due_for_publishing():
            try:
                publishing.publish(article)
            except publishing.PublishRefused as refusal:
                blocked += 1
                self.stdout.write(
                    self.style.ERROR(f"BLOCKED {article.slug}: due {article.publish_at:%Y-%m-%d %H:%M}")
                )
                for blocker in refusal.blockers:
                    self.stdout.write(f"  - {blocker.message}")
            else:
                published += 1
                self.stdout.write(self.style.SUCCESS(f"PUBLISHED {article.slug}"))
        for article in Article.objects.due_but_not_ready():
            blocked += 1
            self.stdout.write(
                self.style.WARNING(
                    f"NOT READY {article.slug}: due {article.publish_at:%Y-%m-%d %H:%M} "
                    f"but still “{article.get_status_display()}”"
                )
            )
        self.stdout.write(f"{published} published, {blocked} due but blocked.")
