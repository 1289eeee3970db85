"""The evidence library: the sources claims rest on, and the people who are quoted.

This app knows nothing of articles; articles point at it through citations.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Case, Count, F, Q, When
from django.dispatch import Signal
from django.utils import timezone

web_url = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address that starts with http:// or https://.",
)


class WebURLFormField(forms.URLField):
    default_validators = [web_url]
    default_error_messages = {"invalid": web_url.message}

    def __init__(self, **kwargs):
        # A web address typed without a scheme is taken as https (Django 6's default).
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class WebURLField(models.URLField):
    """A URL readers can follow: http or https only (no javascript:, data:, ftp: ...)."""

    default_validators = [web_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})


# Sent after commit when the link readers get for some sources changed without a model save: check_sources
# found links dead (or alive again), request_archive stored a copy. `sources` is a list of Source. For
# clearing caches only (signals carry side effects, never rules); such rows also get a new `updated_at`.
reader_links_changed = Signal()


def dead_after() -> int:
    """How many failed checks in a row make a link dead (settings.SOURCE_DEAD_AFTER, default 2).

    One failure is not enough: servers have bad minutes, and a link flagged dead sends readers to the
    archived copy. At least 1.
    """
    return max(1, int(getattr(settings, "SOURCE_DEAD_AFTER", 2)))


class Health(models.TextChoices):
    """What the latest checks of a source's URL found (derived when checking, stored for lists)."""

    UNCHECKED = "unchecked", "Not checked"
    OK = "ok", "OK"
    REDIRECTED = "redirected", "Redirected"
    # The latest check failed (an HTTP error or no answer), fewer than SOURCE_DEAD_AFTER times in a row.
    UNREACHABLE = "unreachable", "Unreachable"
    # SOURCE_DEAD_AFTER or more failed checks in a row: flagged on the desk, readers get the archive.
    DEAD = "dead", "Dead"


class CheckError(models.TextChoices):
    """Why a check got no usable HTTP answer (the last HTTP status is empty then)."""

    TIMEOUT = "timeout", "timeout"
    CONNECTION_RESET = "reset", "connection reset"
    CONNECTION_REFUSED = "refused", "connection refused"
    DNS = "dns", "DNS"
    TLS = "tls", "TLS"
    TOO_MANY_REDIRECTS = "redirects", "too many redirects"
    BAD_REDIRECT = "bad_redirect", "redirect to a non-web address"
    INVALID_URL = "invalid_url", "invalid URL"
    OTHER = "other", "network error"


class ArchiveStatus(models.TextChoices):
    NONE = "", "Not requested"
    PENDING = "pending", "Requested"
    SAVED = "saved", "Saved"
    FAILED = "failed", "Failed"


class SourceQuerySet(models.QuerySet):
    """The selectors the admin, the desk and the reader pages share.

    Health fields describe `checked_url`; once an editor changes `url` they no longer apply, so every
    selector below compares the two (no save() hook or signal has to reset anything).
    """

    def _checked_as_is(self):
        return self.filter(checked_url=F("url"))

    def with_url(self):
        return self.exclude(url="")

    def dead(self):
        """Links that failed SOURCE_DEAD_AFTER checks in a row (uses the health index)."""
        return self.filter(health=Health.DEAD)._checked_as_is()

    def dead_without_archive(self):
        """Dead links with no archived copy: the desk's to-do (request one, or replace the source)."""
        return self.dead().filter(archived_url="")

    def with_health(self, *states: str):
        """Sources whose current health is one of `states` (UNCHECKED includes URLs edited since)."""
        query = Q(health__in=states, checked_url=F("url"))
        if Health.UNCHECKED in states:
            query |= ~Q(checked_url=F("url"))
        return self.filter(query)

    def due_for_check(self, older_than: timedelta):
        """Sources with a URL never checked, edited since, or last checked more than `older_than` ago."""
        cutoff = timezone.now() - older_than
        return self.with_url().filter(
            Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff) | ~Q(checked_url=F("url"))
        )

    def with_archive_fallback(self):
        """Annotate `reader_link`: the archived copy when the URL is dead and one exists, else the URL.

        The SQL twin of `Source.reader_url`, for `values()` lists that never build model instances.
        """
        return self.annotate(
            reader_link=Case(
                When(
                    Q(health=Health.DEAD, checked_url=F("url")) & ~Q(archived_url=""),
                    then=F("archived_url"),
                ),
                default=F("url"),
            )
        )

    def health_counts(self) -> dict[str, int]:
        """{state: count} over the sources that have a URL, for every Health state (one query)."""
        stale = ~Q(checked_url=F("url"))
        counts = self.with_url().aggregate(
            **{
                state: Count("pk", filter=Q(health=state) & ~stale)
                for state in Health.values
                if state != Health.UNCHECKED
            },
            unchecked=Count("pk", filter=Q(health=Health.UNCHECKED) | stale),
        )
        return {state: counts[state] for state in Health.values}


class Person(models.Model):
    """Someone quoted or cited. A speaker is a human source."""

    name = models.CharField(max_length=200)
    aliases = models.TextField(
        blank=True,
        help_text="Other names this person appears under, one per line (e.g. “Gascon”).",
    )
    role = models.CharField("role or title", max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def description(self) -> str:
        """“role, organisation”, as a byline under a quotation reads."""
        parts = (self.role, self.organisation if self.organisation != self.name else "")
        return ", ".join(part for part in parts if part)


class Source(models.Model):
    """What a claim rests on: a study, a report, a web page, an interview..."""

    class Kind(models.TextChoices):
        STUDY = "study", "Study"
        REPORT = "report", "Report"
        DATASET = "dataset", "Dataset"
        WEB_PAGE = "web_page", "Web page"
        NEWS_ARTICLE = "news_article", "News article"
        COURT_RECORD = "court_record", "Court record"
        INTERVIEW = "interview", "Interview"
        STATEMENT = "statement", "Statement"
        SOCIAL_POST = "social_post", "Social media post"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    publisher = models.CharField("publisher or organisation", max_length=200, blank=True, db_index=True)
    url = WebURLField("URL", max_length=1000, blank=True)
    archived_url = WebURLField(
        "archived copy",
        max_length=1000,
        blank=True,
        help_text="A snapshot (e.g. in a web archive) that keeps the evidence if the original moves.",
    )
    published_on = models.DateField("published", null=True, blank=True)
    accessed_on = models.DateField("accessed", null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Link health, written by sources.health.check_sources (one bulk update per run). The fields describe
    # `checked_url`; when an editor changes `url`, the selectors and properties treat it as unchecked.
    checked_url = models.CharField("checked URL", max_length=1000, blank=True, editable=False)
    last_checked_at = models.DateTimeField("last checked", null=True, blank=True, editable=False)
    last_status_code = models.PositiveSmallIntegerField(
        "last HTTP status", null=True, blank=True, editable=False
    )
    last_error = models.CharField(
        "last error", max_length=20, choices=CheckError.choices, blank=True, editable=False
    )
    final_url = models.CharField(
        "final URL",
        max_length=2000,
        blank=True,
        editable=False,
        help_text="Where the URL led after redirects, at the last check.",
    )
    health = models.CharField(
        max_length=12, choices=Health.choices, default=Health.UNCHECKED, editable=False
    )
    consecutive_failures = models.PositiveSmallIntegerField(default=0, editable=False)

    # The latest request for an archived copy (sources.archiving.request_archive).
    archive_status = models.CharField(
        "archive request", max_length=10, choices=ArchiveStatus.choices, blank=True, editable=False
    )
    archive_requested_at = models.DateTimeField("archive requested", null=True, blank=True, editable=False)
    archive_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="archive requested by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archive_error = models.TextField(blank=True, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [
            # "List dead sources" and the health filter: few rows per state that matters.
            models.Index(fields=["health", "last_checked_at"], name="source_health_idx"),
            # check_sources picks the sources checked longest ago.
            models.Index(fields=["last_checked_at"], name="source_last_checked_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    @property
    def current_health(self) -> str:
        """The stored health, or UNCHECKED when the URL changed after the last check."""
        if not self.url or self.checked_url != self.url:
            return Health.UNCHECKED
        return self.health

    @property
    def is_dead(self) -> bool:
        """Whether the URL failed SOURCE_DEAD_AFTER checks in a row (and has not been edited since)."""
        return self.current_health == Health.DEAD

    @property
    def reader_url(self) -> str:
        """The link to give readers: the archived copy when the URL is dead and one exists, else the URL."""
        if self.is_dead and self.archived_url:
            return self.archived_url
        return self.url

    @property
    def link_state(self) -> str:
        """What a reader or fact-checker is told about a dead link: one wording on every page."""
        if not self.is_dead:
            return ""
        if self.archived_url:
            return "The original page is gone; the link leads to an archived copy."
        return "The original page no longer answers."

    @property
    def last_status(self) -> str:
        """“404”, “timeout”, “connection reset”... or "" when never checked."""
        if self.last_status_code:
            return str(self.last_status_code)
        return self.get_last_error_display() if self.last_error else ""
