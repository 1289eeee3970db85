from django.db import models

from articles.models import ArticleRevision
from sources.models import Person, Source


class RenderedRevision(models.Model):
    """A live revision's article page as readers get it, rendered once and kept (`reader.fragments`);
    `key` says what from, and a change to any of it deletes the row (`reader.invalidation`)."""

    revision = models.OneToOneField(
        ArticleRevision, on_delete=models.CASCADE, primary_key=True, related_name="rendered"
    )
    key = models.CharField(max_length=64)
    basis = models.CharField(max_length=300)
    # The whole article page, as served: a read sends it without a template.
    page = models.TextField()
    # A list's entry for the article (`teaser`), and its section's kicker, which section lists leave out.
    kicker = models.TextField(blank=True)
    teaser = models.TextField(blank=True)
    # The site's header and footer around the page, with their menus, so that a read needs no other query.
    header = models.TextField(blank=True)
    footer = models.TextField(blank=True)
    # What it used that can change without a new revision.
    sources = models.ManyToManyField(Source, related_name="+")
    people = models.ManyToManyField(Person, related_name="+")
    rendered_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Rendering of {self.revision_id}"
