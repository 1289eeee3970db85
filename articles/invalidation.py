"""Clearing cached reader pages: the only side effect hung on signals (DESIGN.md), all of it here.

Every committed change that a reader could see starts a new page-cache generation
(`caching.content_changed`, run by `transaction.on_commit`, so a page rendered from uncommitted data is
never stored under the new generation, and a rolled-back change starts nothing). `ArticlesConfig.ready()`
calls `connect()`. Why a generation and not deleting entries, and how several processes stay correct, is
in `articles.caching`.

What readers see, and what tells us it changed:

- an article's public state (publish or republish, which brings its revision's text, slug, section,
  lead image, authors and tags; unpublish; delete): its `post_save`/`post_delete`, for articles that
  are or were public (drafts' saves change nothing readers see: the working copy is not shown until the
  gate publishes it). The gate and the workflow save with `save(update_fields=...)`, which sends
  `post_save` too;
- its authors and tags: `m2m_changed` on both sides (`article.tags.set()`, `tag.articles.add()`);
- corrections; sections, tags, standing pages and authors' names (users; a login alone, which writes
  `last_login`, changes nothing);
- the "last fact-checked" date: a claim's verdict (`checked_at`) on a public article;
- sources and people, as cited and quoted on pages. These are also written without model signals: the
  link checker stores health with `bulk_update()` and the archiver stores archived copies with
  `QuerySet.update()` (sources/health.py, sources/archiving.py). So for their two tables a small database
  execute wrapper, installed on every connection, notes any UPDATE or DELETE however it was made
  (save, update, bulk_update, raw SQL through Django) and starts a new generation after commit. It looks
  at the first words of write statements only, so reads pay nothing. (A new source or person appears on
  no page until an article citing it is published, which is a change of its own.)

Code that changes anything else readers see with `QuerySet.update()` must call
`caching.content_changed()` after commit itself: no signal tells us. The application does not (the gate
saves the article with `save(update_fields=...)`); only tests do, and they call it.
"""

from django.contrib.auth import get_user_model
from django.core.signals import setting_changed
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.transaction import TransactionManagementError

from pages.models import Page
from sources.models import Person, Source

from . import caching
from .models import Article, Claim, Correction, Section, Tag


def _after_commit(using=None) -> None:
    try:
        transaction.on_commit(caching.content_changed, using=using)
    except TransactionManagementError:  # manual transaction management: no commit hook to wait for
        caching.content_changed()


def _is_or_was_public(article: Article, update_fields=None) -> bool:
    return (
        article.status == Article.Status.PUBLISHED
        or article.live_revision_id is not None
        or bool(update_fields and "status" in update_fields)
    )


def _changed(sender, using=None, **kwargs) -> None:
    _after_commit(using)


def _article_changed(sender, instance, using=None, update_fields=None, **kwargs) -> None:
    if _is_or_was_public(instance, update_fields):
        _after_commit(using)


def _claim_saved(sender, instance, using=None, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "checked_at" not in update_fields:
        return
    if Claim.article.is_cached(instance):
        public = _is_or_was_public(instance.article)
    else:
        article = Article.objects.using(using).filter(pk=instance.article_id)
        public = article.filter(status=Article.Status.PUBLISHED).exists()
    if public:
        _after_commit(using)


def _authors_or_tags_changed(sender, instance, action, using=None, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not isinstance(instance, Article) or _is_or_was_public(instance):
        _after_commit(using)


def _user_saved(sender, instance, using=None, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    _after_commit(using)


def _setting_changed(**kwargs) -> None:
    # Tests change settings that pages depend on (hosts, media); no page made before is valid after.
    caching.content_changed()


# The database tables of sources and people, as they appear quoted in UPDATE and DELETE statements.
_LIBRARY_TABLES = tuple(model._meta.db_table for model in (Source, Person))


def _watch_library_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = sql[:120].lstrip() if isinstance(sql, str) else ""
    if head[:6].upper() in ("UPDATE", "DELETE") and any(f'"{table}"' in head for table in _LIBRARY_TABLES):
        _after_commit(context["connection"].alias)
    return result


def _install_watcher(sender, connection, **kwargs) -> None:
    if _watch_library_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_library_writes)


def connect() -> None:
    """Hang the handlers on their signals (idempotent)."""
    for model in (Correction, Section, Tag, Page):
        post_save.connect(_changed, sender=model, dispatch_uid=f"pages-{model._meta.label}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pages-{model._meta.label}-delete")
    post_save.connect(_article_changed, sender=Article, dispatch_uid="pages-article-save")
    post_delete.connect(_article_changed, sender=Article, dispatch_uid="pages-article-delete")
    post_save.connect(_claim_saved, sender=Claim, dispatch_uid="pages-claim-save")
    post_delete.connect(_claim_saved, sender=Claim, dispatch_uid="pages-claim-delete")
    for through in (Article.authors.through, Article.tags.through):
        m2m_changed.connect(
            _authors_or_tags_changed, sender=through, dispatch_uid=f"pages-{through._meta.label}"
        )
    user = get_user_model()
    post_save.connect(_user_saved, sender=user, dispatch_uid="pages-user-save")
    post_delete.connect(_changed, sender=user, dispatch_uid="pages-user-delete")
    connection_created.connect(_install_watcher, dispatch_uid="pages-library-writes")
    for connection in connections.all(initialized_only=True):
        _install_watcher(None, connection)
    setting_changed.connect(_setting_changed, dispatch_uid="pages-setting-changed")
