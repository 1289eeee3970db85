from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import LatestArticlesFeed
from .sitemaps import SITEMAPS

app_name = "reader"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("sections/<slug:slug>/", views.section, name="section"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("authors/<int:pk>/", views.author, name="author"),
    path("people/<int:pk>/", views.person, name="person"),
    path("sources/<int:pk>/", views.source, name="source"),
    path("search/", views.search_results, name="search"),
    path("about/<slug:slug>/", views.standing_page, name="page"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("preview/<int:pk>/revisions/<int:number>/", views.article_preview, name="preview_revision"),
]
