"""sitemap.xml: published articles (with the date of their live version), sections and standing pages.

Built on django.contrib.sitemaps without the sites framework, so URLs use the host of the request.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Section
from pages.models import Page


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .select_related("live_revision")
            .only("published_at", "live_revision__slug", "live_revision__created_at")
            .order_by("-published_at", "-pk")
        )

    def location(self, article):
        return article.live_revision.get_absolute_url()  # where readers find it, not the working slug

    def lastmod(self, article):
        return max(article.published_at, article.live_revision.created_at)


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.5

    def items(self):
        return Section.objects.all()


class HomeSitemap(Sitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["reader:home"]

    def location(self, name):
        return reverse(name)


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.all()

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "pages": PageSitemap,
}
