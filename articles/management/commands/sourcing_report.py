from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from articles import publishing
from articles.models import Article, Citation, Claim, Quotation


class Command(BaseCommand):
    help = "Print every claim and quotation with its sourcing status and sources."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="Only this article (default: all).")

    def handle(self, *args, slug=None, **options):
        citations = Prefetch("citations", queryset=Citation.objects.select_related("source"))
        articles = Article.objects.order_by("slug").prefetch_related(
            Prefetch("claims", queryset=Claim.objects.prefetch_related(citations)),
            Prefetch(
                "quotations",
                queryset=Quotation.objects.select_related("speaker").prefetch_related(citations),
            ),
        )
        if slug:
            articles = articles.filter(slug=slug)
            if not articles:
                raise CommandError(f"No article with the slug “{slug}”.")
        for article in articles:
            self.stdout.write(self.style.MIGRATE_HEADING(f"{article.title} [{article.slug}]"))
            self.stdout.write(f"  {article.get_status_display()} — {publishing.summarize(article)}")
            for claim in article.claims.all():
                self._item(f"claim, {claim.get_kind_display().lower()}", claim)
            for quotation in article.quotations.all():
                speaker = quotation.speaker.name if quotation.speaker else "NO SPEAKER"
                self._item(f"quotation, {speaker}", quotation)
            self.stdout.write("")

    def _item(self, label, item):
        self.stdout.write(f"  [{item.sourcing_status.upper()}] {item} ({label})")
        for citation in item.citations.all():
            locator = f", {citation.locator}" if citation.locator else ""
            self.stdout.write(f"      ← {citation.source}{locator}")
