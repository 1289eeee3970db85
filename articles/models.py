"""Articles and the sourcing inside them: claims, quotations and the citations that tie them to sources.

Claims and quotations are anchored to their exact words in the body with the W3C Web Annotation
selectors (TextQuoteSelector: exact/prefix/suffix, backed by TextPositionSelector: start/end). The
rules about them live in plain modules: `anchoring` finds words in a body, `publishing` is the gate.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from sources.models import Person, Source


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def lock(self, pk) -> "Article":
        """Take the article's row lock, as the publish gate does, before changing its sourcing."""
        return self.select_for_update().get(pk=pk)

    def with_sourcing_counts(self):
        """Annotate `claim_count` and `sourced_claim_count` in the same query, for lists of any size."""
        claims = Claim.objects.filter(article=OuterRef("pk")).order_by().values("article")
        total = claims.annotate(n=Count("pk")).values("n")
        sourced = claims.sourced().annotate(n=Count("pk")).values("n")
        return self.annotate(
            claim_count=Coalesce(Subquery(total, output_field=IntegerField()), 0),
            sourced_claim_count=Coalesce(Subquery(sourced, output_field=IntegerField()), 0),
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text="The summary under the headline.")
    body = models.TextField(
        help_text="Plain text. Separate paragraphs with a blank line.",
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="articles")
    # Only articles.publishing writes these: the gate is the one way to publish.
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        permissions = [("publish_article", "Can publish articles")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class AnchoredQuerySet(models.QuerySet):
    def with_citation_count(self):
        return self.annotate(citation_count=Count("citations", distinct=True))

    def _has_citation(self):
        return Exists(Citation.objects.filter(**{self.model.citation_field: OuterRef("pk")}))

    def sourced(self):
        """Items with at least one citation: the one definition of “sourced”."""
        return self.filter(self._has_citation())

    def unsourced(self):
        return self.filter(~self._has_citation())

    def orphaned(self):
        return self.filter(is_orphaned=True)

    def needing_source(self):
        """What still needs sourcing work: no citation yet, or words lost from the body."""
        return self.filter(~self._has_citation() | Q(is_orphaned=True))


class Anchored(models.Model):
    """Words inside an article body, anchored the way annotation tools (Hypothesis) anchor notes."""

    exact = models.TextField(
        "words",
        help_text="The exact words from the article body.",
    )
    prefix = models.CharField(max_length=64, blank=True, editable=False)
    suffix = models.CharField(max_length=64, blank=True, editable=False)
    start = models.PositiveIntegerField(editable=False)
    end = models.PositiveIntegerField(editable=False)
    # The words are no longer in the body. Kept (never silently dropped) and blocks publishing.
    is_orphaned = models.BooleanField("orphaned", default=False, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["article", "start", "pk"]

    def __str__(self):
        words = self.exact if len(self.exact) <= 80 else self.exact[:77] + "…"
        return f"“{words}”"

    @property
    def sourcing_status(self) -> str:
        """orphaned / unsourced / sourced; needs `citation_count` annotated (see with_citation_count)."""
        if self.is_orphaned:
            return "orphaned"
        return "sourced" if self.citation_count else "unsourced"


class Claim(Anchored):
    class Kind(models.TextChoices):
        STATISTIC = "statistic", "Statistic"
        STUDY = "study", "Study or research"
        EVENT = "event", "Event"
        ATTRIBUTION = "attribution", "Attribution"
        OTHER = "other", "Other"

    citation_field = "claim"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    note = models.TextField(blank=True, help_text="For the newsroom only; never shown to readers.")

    objects = AnchoredQuerySet.as_manager()

    class Meta(Anchored.Meta):
        indexes = [models.Index(fields=["article", "start"])]


class Quotation(Anchored):
    class Obtained(models.TextChoices):
        INTERVIEW = "interview", "Interview"
        STATEMENT = "statement", "Statement"
        SOCIAL_POST = "social_post", "Social media post"
        LETTER = "letter", "Letter"
        WEB_PAGE = "web_page", "Web page"
        COURT_RECORD = "court_record", "Court record"
        OTHER = "other", "Other"

    citation_field = "quotation"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotations")
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="quotations"
    )
    obtained = models.CharField(
        "how obtained", max_length=20, choices=Obtained.choices, default=Obtained.INTERVIEW
    )
    said_on = models.DateField("date said", null=True, blank=True)

    objects = AnchoredQuerySet.as_manager()

    class Meta(Anchored.Meta):
        indexes = [models.Index(fields=["article", "start"])]


class Citation(models.Model):
    """A claim's (or quotation's) link to a source, with where in the source to look."""

    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    quotation = models.ForeignKey(
        Quotation, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(
        max_length=200, blank=True, help_text="Page, section or timestamp in the source."
    )
    passage = models.TextField(blank=True, help_text="The passage of the source relied on.")
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="citation_cites_claim_xor_quotation",
                condition=(
                    Q(claim__isnull=False, quotation__isnull=True)
                    | Q(claim__isnull=True, quotation__isnull=False)
                ),
                violation_error_message="A citation belongs to a claim or to a quotation, not both.",
            )
        ]

    def __str__(self):
        return f"{self.source} {self.locator}".strip()
