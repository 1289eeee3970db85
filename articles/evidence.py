"""What a live revision relies on, held by foreign keys so it cannot be deleted under a published page.

A revision names its sources and people by id inside its JSON, where the database cannot see them.
`protect` writes one `LiveEvidence` row per source and person the new live revision shows, and drops
the rows of the article's earlier revisions; their PROTECT foreign keys then refuse a delete from any
path, and the admin's "cannot delete" page names the articles.
"""

from .models import ArticleRevision, LiveEvidence


def relied_on(revision: ArticleRevision) -> tuple[set[int], set[int]]:
    """The ids of the sources and people `revision` shows readers."""
    content = revision.content or {}
    items = [*content.get("claims", []), *content.get("quotations", [])]
    sources = {c["source"] for item in items if not item.get("orphaned") for c in item["citations"]}
    people = {
        q["speaker"] for q in content.get("quotations", []) if q.get("speaker") and not q.get("orphaned")
    }
    return sources, people


def protect(revision: ArticleRevision) -> None:
    """Make `revision` the one revision of its article whose evidence is protected."""
    LiveEvidence.objects.filter(revision__article_id=revision.article_id).delete()
    sources, people = relied_on(revision)
    LiveEvidence.objects.bulk_create(
        [LiveEvidence(revision=revision, source_id=pk) for pk in sorted(sources)]
        + [LiveEvidence(revision=revision, person_id=pk) for pk in sorted(people)]
    )
