"""The evidence library: the sources claims rest on, and the people who are quoted.

This app knows nothing of articles; articles point at it through citations.
"""

from django import forms
from django.core.validators import URLValidator
from django.db import models

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

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title
