"""Articles and the sourcing inside them: claims, quotations and the citations that tie them to sources.

Claims and quotations are anchored to their exact words in the body with the W3C Web Annotation
selectors (TextQuoteSelector: exact/prefix/suffix, backed by TextPositionSelector: start/end). The
rules about them live in plain modules: `anchoring` finds words in a body, `publishing` is the gate.
"""

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, models
from django.db.models import Case, Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.text import smart_split, unescape_string_literal

from sources.models import Person, Source

from . import richtext


def who(*, editable: bool = False, verbose_name: str | None = None):
    """A “who did this” link to a user: emptied if the user is deleted, with no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=editable,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


class Section(models.Model):
    """A part of the paper (News, Opinion, ...), editable in the admin."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first in menus.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reader:section", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def published_for_readers(prefix: str = "", *, later: bool = False, now=None) -> Q:
    """What readers may see, as a condition on the article at `prefix` ("" for the article itself,
    "revision__article__" from a revision's rendering): published, with a version for readers, and not
    scheduled for later (`later`: only those scheduled for later).

    Without `now`, "now" is the database's clock at each execution (`Now()`), so a query using it can be
    built once and run many times (`reader.live`)."""
    when = "gt" if later else "lte"
    return Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
            f"{prefix}live_revision__isnull": False,
            f"{prefix}published_at__{when}": now or Now(),
        }
    )


class ArticleQuerySet(models.QuerySet):
    # "Published for readers" is `published_for_readers`; `Article.is_public` must agree with it.

    def published(self, now=None):
        """What readers may see: live, with a published version, and not scheduled for later."""
        return self.filter(published_for_readers(now=now))

    def appearing_later(self, now=None):
        """Published articles that readers will see once their scheduled `published_at` comes."""
        return self.filter(published_for_readers(later=True, now=now))

    def due_for_publishing(self, now=None):
        """Ready articles whose scheduled time has come."""
        return self.filter(status=Article.Status.READY, publish_at__lte=now or timezone.now()).order_by(
            "publish_at"
        )

    def due_but_not_ready(self, now=None):
        """Scheduled articles whose time has come but that never reached “ready”."""
        return (
            self.filter(publish_at__lte=now or timezone.now())
            .exclude(
                status__in=[Article.Status.READY, Article.Status.PUBLISHED, Article.Status.UNPUBLISHED]
            )
            .order_by("publish_at")
        )

    def lock(self, pk) -> "Article":
        """Take the article's row lock, as the publish gate does, before changing its sourcing."""
        return self.select_for_update().get(pk=pk)

    def needing_a_source(self):
        """Articles with a claim or quotation that needs a source (`Claim.NEEDS_SOURCE`)."""
        return self.filter(
            Exists(Claim.objects.filter(Claim.NEEDS_SOURCE, article=OuterRef("pk")))
            | Exists(Quotation.objects.filter(Quotation.NEEDS_SOURCE, article=OuterRef("pk")))
        )

    def with_sourcing_counts(self):
        """Annotate `claim_count`, `quotation_count`, how many of each need a source
        (`claims_needing_source`, `quotations_needing_source`) and both (`needing_source`), in one query."""
        counts = {}
        for model, name in ((Claim, "claim"), (Quotation, "quotation")):
            items = model.objects.filter(article=OuterRef("pk")).order_by().values("article")
            total = items.annotate(n=Count("pk")).values("n")
            needing = items.needing_a_source().annotate(n=Count("pk")).values("n")
            counts[f"{name}_count"] = Coalesce(Subquery(total, output_field=IntegerField()), 0)
            counts[f"{name}s_needing_source"] = Coalesce(Subquery(needing, output_field=IntegerField()), 0)
        return self.annotate(**counts).annotate(
            needing_source=F("claims_needing_source") + F("quotations_needing_source")
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        FACT_CHECK = "fact_check", "Fact-check"
        READY = "ready", "Ready"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(blank=True, help_text="The summary under the headline.")
    # The body as written (`richtext`: paragraphs, subheadings, lists, block quotes, links, emphasis),
    # and `body`, its text as readers read it, block by block, kept from it on every save: claims and
    # quotations are anchored in `body`, searched and compared there (`sync_body`).
    body_html = models.TextField(
        "body",
        help_text="Paragraphs, subheadings (h2, h3), lists, block quotes, links and emphasis. Plain "
        "text works too: a blank line starts a new paragraph.",
    )
    body = models.TextField("text", editable=False)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Byline", blank=True, related_name="articles"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    lead_image = models.ImageField(upload_to="lead-images/%Y/%m/", blank=True)
    lead_image_alt = models.CharField(
        "lead image text alternative",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required with an image.",
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=200, blank=True)
    editorial_note = models.TextField(
        blank=True, help_text="For the newsroom only (like an ednote); never shown to readers."
    )
    # Where an imported article came from (its file's Source-URL and Published lines, or the page's
    # metadata): for the newsroom, like the editorial note.
    original_url = models.URLField("original address", max_length=500, blank=True)
    original_published_on = models.DateField("first published", null=True, blank=True)
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Schedule: publish_scheduled publishes the article at this time if it passes the gate.",
    )
    # Only articles.publishing writes these: the gate is the one way to publish.
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = who()
    # The version readers see. The article's own fields and claims are the working copy: editing a
    # live article changes them, and readers keep this revision until the gate publishes a new one.
    live_revision = models.ForeignKey(
        "ArticleRevision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Bumped on every save; a form based on an older version is a stale edit.
    version = models.PositiveIntegerField(default=1, editable=False)
    locked_by = who()
    locked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = who()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        permissions = [
            ("publish_article", "Can publish and unpublish articles"),
            ("correct_article", "Can append corrections to published articles"),
            ("edit_any_article", "Can edit any article, not only their own"),
            ("signoff_article", "Can sign off an article's fact-check"),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"]),
            # The desk's article filter: the latest edited articles with work, newest first.
            models.Index(fields=["-updated_at"], name="articles_article_edited_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or {"body", "body_html"} & set(update_fields):
            self.sync_body()  # a save of other fields only (workflow, locks) leaves the body alone
            update_fields = None if update_fields is None else {*update_fields, "body", "body_html"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        # Readers find a live article at its live revision's slug: an edited slug takes over only when
        # it is published. Before the first publish, at the working slug (staff previews, messages).
        if self.live_revision_id is not None:
            return self.live_revision.get_absolute_url()
        return reverse("reader:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._synced = (article.__dict__.get("body"), article.__dict__.get("body_html"))
        return article

    def sync_body(self) -> None:
        """Make `body_html` canonical (`richtext.sanitise`) and `body` its projection.

        Whichever of the two a writer changed since the article was read wins. `body_html` is what
        editors and import write. Setting `body` is a plain-text edit (fixtures, scripts), allowed
        only on a body without structure, whose paragraphs are then its structure: it never
        silently drops a link or a heading.
        """
        synced_text, synced_html = getattr(self, "_synced", (None, None))
        if self.body_html and self.body_html != synced_html:
            self.body_html = richtext.sanitise(self.body_html)
        elif self.body != synced_text or not self.body_html:
            if self.body_html and self.body_html != richtext.from_plain_text(synced_text or ""):
                raise ValueError("This body has structure: change body_html, not its text.")
            self.body_html = richtext.from_plain_text(self.body)
        else:
            return  # neither changed: as stored, canonical
        self.body = richtext.projection(self.body_html)
        self._synced = (self.body, self.body_html)  # canonical now: a later call has nothing to do

    @property
    def is_published(self) -> bool:
        """In the published state (the workflow's view); readers may not see it yet, see `is_public`."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Readers may see it now: the one row `Article.objects.published()` would return."""
        return (
            self.is_published
            and self.live_revision_id is not None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleRevision(models.Model):
    """The article as it was at one save: its text, and its claims and quotations with their citations.

    `content` holds {"claims": [...], "quotations": [...]}, each item with id, exact, start, end,
    orphaned, kind or speaker/obtained/said_on, and citations [{source, locator, passage}]. Sources and
    people are referenced by id, so a corrected source shows at once on every page that cites it.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    standfirst = models.TextField(blank=True)
    body = models.TextField()
    body_html = models.TextField(blank=True)  # as Article.body_html; body is its projection
    content = models.JSONField(default=dict)
    # The rest of what readers see, as the article had it at this save (`revisions.READER_FIELDS`). The
    # image is the same stored file: replacing the article's image uploads a new file, so this one stays.
    slug = models.SlugField(max_length=200)
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    lead_image = models.ImageField(upload_to="lead-images/%Y/%m/", blank=True)
    lead_image_alt = models.CharField("lead image text alternative", max_length=300, blank=True)
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=200, blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="RevisionAuthor", blank=True, related_name="+"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="+")
    reason = models.CharField(max_length=200, blank=True)
    created_by = who(editable=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")]

    def __str__(self):
        return f"Revision {self.number} of “{self.article}”"

    def save(self, *args, **kwargs):
        if not self.body_html:  # a revision written as text (fixtures): its paragraphs are its blocks
            self.body_html = richtext.from_plain_text(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """Where readers find the article while this revision is live."""
        return reverse("reader:detail", kwargs={"slug": self.slug})

    def ordered_authors(self) -> list:
        """The byline, in order (`bylines` may be prefetched with their users)."""
        return [byline.user for byline in self.bylines.all()]


class RevisionAuthor(models.Model):
    """One name in a revision's byline, at its place."""

    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="bylines")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["revision_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "user"], name="one_byline_per_author"),
        ]

    def __str__(self):
        return f"{self.user} on {self.revision}"


class Byline(models.Model):
    """One name in an article's byline, at its place; a revision copies them in this order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first in the byline.")

    class Meta:
        db_table = "articles_article_authors"  # the links made before they had a position
        ordering = ["article_id", "position", "pk"]
        unique_together = [("article", "user")]

    def __str__(self):
        return f"{self.user} on “{self.article}”"


class ArticleSlug(models.Model):
    """A slug an article has had. No other article may take it, and once live it redirects (301) to
    wherever the article is live now (`articles.slugs`)."""

    slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slugs")
    was_live = models.BooleanField(default=False)

    class Meta:
        ordering = ["article_id", "slug"]

    def __str__(self):
        return self.slug


class Transition(models.Model):
    """One move through the editorial workflow: who, when, from, to, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    actor = who(editable=True)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Correction(models.Model):
    """A dated correction appended to a published article and shown to readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(help_text="What was wrong and what is right now, as readers will see it.")
    created_by = who(editable=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "created_at", "pk"]

    def __str__(self):
        return f"Correction to “{self.article}” ({self.created_at:%Y-%m-%d})"


class EditSession(models.Model):
    """Who has an article open in the admin, so others are warned before they collide."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="edit_sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    base_version = models.PositiveIntegerField()
    last_seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_edit_session_per_user")
        ]

    def __str__(self):
        return f"{self.user} editing “{self.article}”"


class AnchoredQuerySet(models.QuerySet):
    def sourced(self):
        """Items with at least one citation (`num_citations`, which the database keeps)."""
        return self.filter(num_citations__gt=0)

    def needing_a_source(self):
        """The one definition of “needs a source” (`NEEDS_SOURCE` on each model), as a query."""
        return self.filter(self.model.NEEDS_SOURCE)

    def orphaned(self):
        return self.filter(is_orphaned=True)

    def needing_source(self):
        """What still needs sourcing work: needing a source, or words lost from the body."""
        return self.filter(self.model.NEEDS_SOURCE | Q(is_orphaned=True))

    def matching(self, text: str):
        """Items whose words, article title or (quotations) speaker's name hold each word of `text`, in
        any case: what the desk's and the admin's searches find. A "quoted phrase" is one word, as in
        Django's admin search."""
        found = self
        for word in smart_split(text):
            if word[0] in "\"'" and word[-1] == word[0] and len(word) > 1:
                word = unescape_string_literal(word)
            match = Q(exact__icontains=word) | self._one_of("article", Article, title__icontains=word)
            if self.model is Quotation:
                match |= self._one_of("speaker", Person, name__icontains=word)
            found = found.filter(match)
        return found

    def _one_of(self, field: str, model, **lookup):
        """`field` is one of the `model` rows matching `lookup`. On PostgreSQL as `= ANY(ARRAY(...))`, a
        condition on the item's own column: with `exact`'s, the trigram and foreign-key indexes answer
        it together (migration 0022), where a join or an IN would read every item."""
        rows = model.objects.filter(**lookup).order_by().values("pk")
        if connections[self.db].vendor != "postgresql":
            return Q(**{f"{field}__in": rows})
        any_of = {"template": "%(expressions)s)", "arg_joiner": " = ANY("}  # column = ANY(ARRAY(...))
        return Func(F(f"{field}_id"), ArraySubquery(rows), **any_of, output_field=models.BooleanField())


class CheckStatus(models.TextChoices):
    """Fact-checking states, after the defaults of the tools newsrooms use (Meedan Check)."""

    UNSTARTED = "unstarted", "Unstarted"
    IN_PROGRESS = "in_progress", "In progress"
    VERIFIED = "verified", "Verified"
    INCONCLUSIVE = "inconclusive", "Inconclusive"
    DISPUTED = "disputed", "False / disputed"
    NOT_CLAIM = "not_claim", "Not a factual claim"
    NEEDS_RECHECK = "needs_recheck", "Needs re-check"


def may_need_work(*more: Q) -> Q:
    """Items that may need work: all but the cited, settled and anchored ones.

    The condition of the partial indexes `articles_claim_desk_idx` / `articles_quotation_desk_idx`
    (migration 0013), from which PostgreSQL counts what needs a source for the admin's lists; the desk
    itself reads `needs_work` and its own index (`queue_index`).
    """
    condition = (
        Q(num_citations=0)
        | Q(is_orphaned=True)
        | ~Q(check_status__in=[CheckStatus.VERIFIED, CheckStatus.NOT_CLAIM])
    )
    for extra in more:
        condition |= extra
    return condition


# Why an item needs a fact-checker: the desk's rules, each a condition on the item's own table, so that
# the database keeps the answer in `needs_work` (a generated column) and indexes it. What they need of
# the article (its state, when it went or goes live) is copied onto its items by the database itself
# (`article_status`, `article_published_at`, `article_publish_at`: migration 0019's triggers), whatever
# writes the article or the item.
OPEN_STATES = (
    Article.Status.IN_REVIEW,
    Article.Status.FACT_CHECK,
    Article.Status.READY,
    Article.Status.PUBLISHED,
)  # articles on their way to readers, or with them: every unchecked item in them is work to do
UNCHECKED = (CheckStatus.UNSTARTED, CheckStatus.IN_PROGRESS)
SETTLED = (CheckStatus.VERIFIED, CheckStatus.NOT_CLAIM)


def work_reasons(needs_source: Q, **more: Q) -> dict[str, Q]:
    """Each reason an item needs work, by name: `needs_source` is the model's NEEDS_SOURCE."""
    return {
        "unsourced": needs_source,
        "orphaned": Q(is_orphaned=True),
        "disputed": Q(check_status=CheckStatus.DISPUTED),
        "needs_recheck": Q(check_status=CheckStatus.NEEDS_RECHECK),
        "unchecked": Q(check_status__in=UNCHECKED, article_status__in=OPEN_STATES),
        "after_publication": Q(article_published_at__isnull=False, created_at__gt=F("article_published_at"))
        & (Q(num_citations=0) | ~Q(check_status__in=SETTLED)),
        **more,
    }


def any_of(conditions) -> Q:
    found = Q()
    for condition in conditions:
        found |= condition
    return found


def desk_state(reasons: dict[str, Q]) -> tuple:
    """The generated columns the desk reads: whether an item needs work (`needs_work`), and its place
    in the queue: those needing a source first (`source_first`), then items of live articles and of
    those going live soonest (`goes_live`)."""
    return (
        models.GeneratedField(
            expression=any_of(reasons.values()), output_field=models.BooleanField(), db_persist=True
        ),
        models.GeneratedField(
            expression=Case(When(reasons["unsourced"] | reasons["orphaned"], then=0), default=1),
            output_field=models.PositiveSmallIntegerField(),
            db_persist=True,
        ),
        models.GeneratedField(
            expression=Case(
                When(article_status=Article.Status.PUBLISHED, then=F("article_published_at")),
                default=F("article_publish_at"),
            ),
            output_field=models.DateTimeField(),
            db_persist=True,
        ),
    )


def queue_index(table: str, *include: str) -> models.Index:
    """The desk's queue in its order, over the items that need work (see desk.queue), with what its
    counts and filters read, so that they are answered from the index alone."""
    return models.Index(
        fields=["source_first", "goes_live", "created_at", "id"],
        condition=Q(needs_work=True),
        include=["article", "check_status", "is_orphaned", "num_citations", "due_on", "assignee", *include],
        name=f"{table}_queue_idx",
    )


# The columns the desk's queue, counts and article list read, so its index answers them alone.
DESK_INDEX_COLUMNS = [
    "id",
    "check_status",
    "is_orphaned",
    "num_citations",
    "created_at",
    "due_on",
    "assignee",
]


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
    created_by = who()
    # The fact-check desk. A verdict is signed off against the words it was made on (checked_exact)
    # and the revision they were in; when an edit changes those words it falls back to needs_recheck.
    check_status = models.CharField(
        "fact-check status",
        max_length=20,
        choices=CheckStatus.choices,
        default=CheckStatus.UNSTARTED,
        editable=False,
        db_index=True,
    )
    verdict_reason = models.TextField(blank=True, editable=False)
    checked_by = who()
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_exact = models.TextField(blank=True, editable=False)
    checked_revision = models.ForeignKey(
        ArticleRevision,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How many citations the item has: kept by the database itself (triggers on both tables, migration
    # 0012), whatever writes the citations or saves the item, so the desk's index can read it. Never
    # set it: any value written is replaced with the true count.
    num_citations = models.PositiveIntegerField("citations", default=0, editable=False)
    assignee = who()
    due_on = models.DateField("due", null=True, blank=True, editable=False)
    # The article's, copied by the database (see work_reasons): read in queries, not on instances.
    article_status = models.CharField(max_length=20, default=Article.Status.DRAFT, editable=False)
    article_published_at = models.DateTimeField(null=True, editable=False)
    article_publish_at = models.DateTimeField(null=True, editable=False)
    desk_note = models.TextField("fact-checker's note", blank=True, editable=False)
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
        """orphaned / unsourced / not_claim (released by that verdict) / sourced."""
        if self.is_orphaned:
            return "orphaned"
        if self.needs_source:
            return "unsourced"
        return "sourced" if self.num_citations else "not_claim"


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

    # “Needs a source”, the one definition the gate, the desk and the admin use: no citation, unless the
    # desk found it is not a factual claim. As a condition on this table, and for one claim.
    # (`num_citations` is kept by the database itself: migration 0012.)
    NEEDS_SOURCE = Q(num_citations=0) & ~Q(check_status=CheckStatus.NOT_CLAIM)

    WORK_REASONS = work_reasons(NEEDS_SOURCE)
    needs_work, source_first, goes_live = desk_state(WORK_REASONS)

    class Meta(Anchored.Meta):
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(
                fields=["article"],
                include=[*DESK_INDEX_COLUMNS, "kind"],
                condition=may_need_work(),
                name="articles_claim_desk_idx",
            ),
            queue_index("articles_claim", "kind"),
        ]

    @property
    def needs_source(self) -> bool:
        return self.num_citations == 0 and self.check_status != CheckStatus.NOT_CLAIM


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

    # “Needs a source” (see Claim.NEEDS_SOURCE): a quotation always does until it is cited, since no
    # verdict makes the words not said.
    NEEDS_SOURCE = Q(num_citations=0)

    objects = AnchoredQuerySet.as_manager()

    WORK_REASONS = work_reasons(NEEDS_SOURCE, no_speaker=Q(speaker__isnull=True))
    needs_work, source_first, goes_live = desk_state(WORK_REASONS)

    class Meta(Anchored.Meta):
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(
                fields=["article"],
                include=[*DESK_INDEX_COLUMNS, "speaker"],
                condition=may_need_work(Q(speaker__isnull=True)),
                name="articles_quotation_desk_idx",
            ),
            queue_index("articles_quotation", "speaker"),
        ]

    @property
    def needs_source(self) -> bool:
        return self.num_citations == 0


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
    added_by = who()
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


class SourcingEvent(models.Model):
    """The audit trail of a claim or quotation: status changes, citations added and removed, ..."""

    class Action(models.TextChoices):
        STATUS = "status", "Status changed"
        CITATION_ADDED = "citation_added", "Citation added"
        CITATION_REMOVED = "citation_removed", "Citation removed"
        ASSIGNED = "assigned", "Assigned"
        NOTE = "note", "Note"
        RECHECK = "recheck", "Words changed: needs re-check"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sourcing_events")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    quotation = models.ForeignKey(
        Quotation, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    actor = who(editable=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_action_display()


class Suggestion(models.Model):
    """A quotation or claim the extractor proposes; the editor accepts or dismisses it.

    `fingerprint` identifies the suggestion across re-runs (kind + normalised words), so suggesting again
    on an edited article neither duplicates nor resurrects what an editor already decided.
    """

    class Kind(models.TextChoices):
        QUOTATION = "quotation", "Quotation"
        CLAIM = "claim", "Claim"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUGGESTED, db_index=True
    )
    exact = models.TextField("words")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64)
    # Quotations: who said it (as written, and matched to a known person when possible).
    speaker_name = models.CharField(max_length=200, blank=True)
    speaker = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Claims: what kind, why it looks like one, and sources named in its sentence.
    claim_kind = models.CharField(max_length=20, choices=Claim.Kind.choices, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    proposed_sources = models.ManyToManyField(Source, blank=True, related_name="+")
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    quotation = models.ForeignKey(
        Quotation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = who(editable=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    dismiss_reason = models.TextField("why dismissed", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "fingerprint"], name="one_suggestion_per_fingerprint"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} “{self.exact[:60]}”"


class Removal(models.Model):
    """A claim or quotation taken off an article past draft: a decision with a reason, not an accident.

    The item itself is deleted; what it was (words, place, kind or speaker, citations) is kept here. The
    publish gate refuses while a removal is pending, until a fact-checker other than the remover
    confirms it or reinstates the item (`articles.marking`).
    """

    class Kind(models.TextChoices):
        CLAIM = "claim", "Claim"
        QUOTATION = "quotation", "Quotation"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a fact-checker"
        CONFIRMED = "confirmed", "Confirmed"
        REINSTATED = "reinstated", "Reinstated"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="removals")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    item_id = models.PositiveBigIntegerField(help_text="The id the claim or quotation had.")
    exact = models.TextField("words")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The item as it was (kind or speaker, obtained, citations...), enough to reinstate it.
    content = models.JSONField(default=dict)
    reason = models.TextField()
    removed_by = who(editable=True)
    removed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = who(editable=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["removed_at", "pk"]
        indexes = [
            models.Index(
                fields=["article"], condition=Q(status="pending"), name="articles_removal_pending_idx"
            )
        ]

    def __str__(self):
        words = self.exact if len(self.exact) <= 80 else self.exact[:77] + "…"
        return f"{self.get_kind_display()} “{words}” removed"


class LiveEvidence(models.Model):
    """A source or person that an article's live revision shows readers.

    Revisions keep sources and people by id inside their JSON, where the database cannot see them; these
    rows say it in foreign keys, so PROTECT refuses to delete what a published page relies on, on every
    path (admin, shell, bulk delete). `publishing.publish` rewrites them for each new live revision.
    """

    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="live_evidence"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="live_evidence"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="live_evidence_source_xor_person",
                condition=Q(source__isnull=False, person__isnull=True)
                | Q(source__isnull=True, person__isnull=False),
            )
        ]

    def __str__(self):
        # Shown by the admin's “cannot delete” page: name the article readers see it in.
        return f"the published version of “{self.revision.article}”"


class Image(models.Model):
    """A picture in the image library, placed in article bodies as a figure (`richtext`: <figure
    data-image="id">). Its text alternative, caption and credit live here, not in the bodies: one edit
    of the image shows in every article that uses it."""

    file = models.ImageField(upload_to="library/%Y/%m/")
    alt = models.CharField(
        "text alternative",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, e.g. “Photo: A. Name/Agency”."
    )
    uploaded_by = who(verbose_name="uploaded by")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption or self.alt


class Generation(models.Model):
    """One row whose `value` changes with every committed write to what staff pages remember between
    requests (`articles.remembering`): articles, claims, quotations, citations, history, removals,
    sections, what a card shows of sources and people, users (but not a login's `last_login`), their
    groups and permissions. PostgreSQL's triggers keep it (`desk` migrations 0001–0003 and `articles`
    0023), for every writer: the admin, the desk, imports, the scheduler, bulk updates, COPY. A value
    is never used twice (a sequence), so nothing remembered under a value can outlive a rolled-back
    change."""

    value = models.BigIntegerField(default=0)
    # The transaction that last changed `value`: a transaction changes it once, however many rows it wrote.
    xact = models.BigIntegerField(null=True, editable=False)

    ROW = 1

    class Meta:
        db_table = "desk_generation"  # where the desk, its first user, made it

    def __str__(self) -> str:
        return f"Generation {self.value}"
