"""Standing pages, kept as plain text like article bodies.

Not django.contrib.flatpages: flat pages store raw HTML that templates mark safe, and need the sites
framework, whose stored domain would then have to agree with the host readers use. A page here is
paragraphs of plain text, escaped on the way out like everything else an editor types.
"""

from django.db import models
from django.urls import reverse

from articles.body import paragraphs


class Page(models.Model):
    # The policies that structured data names; their slugs are fixed so links to them stay stable.
    PUBLISHING_PRINCIPLES = "publishing-principles"
    CORRECTIONS_POLICY = "corrections-policy"
    FACT_CHECKING_POLICY = "fact-checking-policy"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    body = models.TextField(help_text="Plain text. Separate paragraphs with a blank line.")
    position = models.PositiveIntegerField(default=0, help_text="Lower comes first in the footer.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reader:page", kwargs={"slug": self.slug})

    @property
    def paragraphs(self) -> list[str]:
        return [p.text for p in paragraphs(self.body.replace("\r\n", "\n").strip())]
