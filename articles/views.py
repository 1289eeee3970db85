"""Reader pages. Only published articles exist here: drafts are 404, not 403, so they do not leak."""

from django.shortcuts import get_object_or_404, render

from . import footnotes


def article_detail(request, slug):
    article = get_object_or_404(footnotes.reader_queryset(), slug=slug)
    paragraphs, notes = footnotes.annotate(article)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "live": article.live_revision, "paragraphs": paragraphs, "notes": notes},
    )
