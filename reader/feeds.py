"""The Atom feed of the latest published articles, from their live revisions."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from newsroom.names import display_name

from . import live
from .structured_data import PUBLISHER_NAME

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed
    title = f"{PUBLISHER_NAME}: latest articles"
    subtitle = "Every claim in our articles links to its sources."
    link = "/"
    author_name = PUBLISHER_NAME

    def items(self):
        return live.latest()[:FEED_SIZE]

    def item_title(self, article):
        return article.live_revision.title

    def item_description(self, article):
        return article.live_revision.standfirst

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(article.published_at, article.live_revision.created_at)

    def item_author_name(self, article):
        names = [display_name(a) for a in article.live_revision.ordered_authors()]
        return ", ".join(names) or PUBLISHER_NAME

    def item_categories(self, article):
        section = article.live_revision.section
        return [section.name] if section else []
