"""An article's slugs over time: old links keep leading to it, and no other article ever takes them.

Every slug an article's revisions have had is recorded (`record`, from `revisions.save_revision`), and
no other article may take one (the article form and the importer ask `in_use`/`refuse_taken`), so an old
link can only ever mean its own article. When a revision goes live its slug is marked `was_live`
(`record_live`, from the publish gate), and the reader page at such a slug answers 301 with the
article's live URL (`moved_to`) while the article is published. A slug only ever saved in the working
copy never redirects: that would tell readers an address, and so an edit, not yet published.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse

from .models import Article, ArticleSlug


def _taken(slug: str, article: Article | None) -> ValidationError:
    return ValidationError(
        "The address “%(slug)s” belonged to another article (“%(title)s”), and old addresses keep "
        "leading to their article. Choose another slug.",
        code="slug_taken",
        params={"slug": slug, "title": article.title if article else "deleted meanwhile"},
    )


def refuse_taken(slug: str, article: Article | None) -> None:
    """Raise ValidationError if an article other than `article` (None: a new one) has had `slug`."""
    found = ArticleSlug.objects.filter(slug=slug).select_related("article").first()
    if found is not None and (article is None or found.article_id != article.pk):
        raise _taken(slug, found.article)


def first_free(base: str, taken: set[str]) -> str:
    """`base`, else `base-2`, `base-3`…: the first that is not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def in_use(prefix: str) -> set[str]:
    """The slugs starting with `prefix` that an article has now or has had."""
    now = Article.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
    before = ArticleSlug.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
    return {*now, *before}


def record(article: Article, slug: str, *, live: bool = False) -> None:
    """`article` has `slug` (in a revision; `live`: in its live revision)."""
    found, _ = ArticleSlug.objects.get_or_create(slug=slug, defaults={"article": article, "was_live": live})
    if found.article_id != article.pk:
        raise _taken(slug, found.article)
    if live and not found.was_live:
        ArticleSlug.objects.filter(pk=found.pk).update(was_live=True)


def record_live(article: Article, revision) -> None:
    """`revision` of `article` is going live: from now on its slug leads to the article."""
    record(article, revision.slug, live=True)


def moved_to(slug: str) -> str | None:
    """The live URL of the published article that was live at `slug` and is live elsewhere now."""
    live_slug = (
        Article.objects.published()
        .filter(slugs__slug=slug, slugs__was_live=True)
        .values_list("live_revision__slug", flat=True)
        .first()
    )
    if live_slug is None or live_slug == slug:
        return None
    return reverse("reader:detail", kwargs={"slug": live_slug})
