"""Keeping what readers are served current: every receiver of a change readers could see is here.

A stored rendering (`reader.fragments`) that used a changed source, person, library image, author, tag,
correction or sign-off, or any rendering when a section or standing page changes (the menus), is
deleted in the same transaction as the change, so the next read renders it again (and, with the locks
taken while rendering, never keeps one made from what was replaced); the page cache (`reader.caching`)
starts a new generation after the commit of any change readers could see. `sources` sends
`reader_links_changed` for its writes without model signals (`bulk_update`, `update`); other code that
changes what readers see with `QuerySet.update()` calls `caching.content_changed()` after commit.
"""

from django.contrib.auth import get_user_model
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_save, pre_delete

from articles import richtext
from articles.models import Article, Claim, Correction, Image, Section, Tag
from pages.models import Page
from sources.models import Person, Source, reader_links_changed

from . import caching
from .models import RenderedRevision


def _after_commit(using=None) -> None:
    transaction.on_commit(caching.content_changed, using=using)


def _forget(using=None, **used) -> None:
    """Delete the renderings that used what `used` names (e.g. `sources=[pk]`)."""
    RenderedRevision.objects.using(using).filter(**used).delete()
    _after_commit(using)


def _forgets(lookup: str, attribute: str = "pk"):
    """A receiver deleting the renderings that used the row saved or deleted (`lookup`: its `attribute`)."""

    def receiver(sender, instance, using=None, **kwargs) -> None:
        _forget(using, **{lookup: getattr(instance, attribute)})

    return receiver


def _image_changed(sender, instance, using=None, created=False, **kwargs) -> None:
    """A library image shows its text alternative, caption and credit wherever a body places it. A new
    image is placed nowhere yet: its upload leaves every rendering and the page cache alone."""
    if not created:
        _forget(using, revision__body_html__contains=richtext.placement(instance.pk))


def _links_changed(sender, sources, **kwargs) -> None:
    with transaction.atomic():
        _forget(sources__in=[source.pk for source in sources])


def _menus_changed(sender, using=None, **kwargs) -> None:
    """Every rendering holds the site menus (sections, standing pages); these change rarely."""
    _forget(using)


def _user_saved(sender, instance, using=None, update_fields=None, **kwargs) -> None:
    if update_fields is None or not set(update_fields) <= {"last_login"}:
        _forget(using, revision__bylines__user=instance.pk)


def _claim_saved(sender, instance, using=None, update_fields=None, **kwargs) -> None:
    """A sign-off (`checked_at`) shows as the article's “last fact-checked” date."""
    if update_fields is not None and "checked_at" not in update_fields:
        return
    if RenderedRevision.objects.using(using).filter(revision__article=instance.article_id).exists():
        _forget(using, revision__article=instance.article_id)


def _article_changed(sender, instance, using=None, update_fields=None, **kwargs) -> None:
    # Drafts' saves change nothing readers see: the working copy is not shown until published.
    if instance.live_revision_id is not None or (update_fields and "status" in update_fields):
        _after_commit(using)


def _setting_changed(**kwargs) -> None:
    # Tests change settings that pages depend on (hosts, media); no page made before is valid after.
    caching.content_changed()


def connect() -> None:
    """Hang the receivers on their signals (idempotent)."""
    receivers = {
        Source: _forgets("sources"),
        Person: _forgets("people"),
        Image: _image_changed,
        Correction: _forgets("revision__article", "article_id"),
        Tag: _forgets("revision__tags"),
        Section: _menus_changed,
        Page: _menus_changed,
        get_user_model(): _user_saved,
        Claim: _claim_saved,
        Article: _article_changed,
    }
    for model, receiver in receivers.items():
        # Before a delete, while the links that say which renderings used the row are still there.
        for signal in (post_save, pre_delete):
            uid = f"reader-{model._meta.label}-{id(signal)}"
            signal.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    reader_links_changed.connect(_links_changed, dispatch_uid="reader-links-changed")
    setting_changed.connect(_setting_changed, dispatch_uid="reader-setting-changed")
