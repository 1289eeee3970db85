"""The admin site, which also sends each role to its own home when it logs in.

Fact-checkers work the desk, not the admin: logging in without asking for a particular page takes them
there. Everyone else lands on the admin index as usual, and a `next` page is always honoured.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def home_for(user) -> str:
    """Where `user` starts: the desk for those who work it but do not edit articles."""
    from articles import rights  # the admin site is built before the apps' models are ready

    if rights.works_desk(user) and not user.has_perm("articles.change_article"):
        return reverse("desk:queue")
    return reverse("admin:index")


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom"
    site_title = "Newsroom admin"
    index_title = "Newsroom"
    # The app list beside every page took a laptop screen's width from the tables editors work in;
    # the breadcrumbs and the index lead everywhere it did.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        # Django gives every admin page the app list for the sidebar, which is off here, so every page
        # checked each model's permissions and reversed its URLs for nothing. Built where it is shown.
        build = super().get_app_list
        return SimpleLazyObject(lambda: build(request, app_label))

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        landed_on_index = isinstance(response, HttpResponseRedirect) and response.url == reverse(
            "admin:index", current_app=self.name
        )
        if request.method == "POST" and landed_on_index and request.user.is_authenticated:
            return HttpResponseRedirect(home_for(request.user))
        return response


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
