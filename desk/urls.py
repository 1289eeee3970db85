from django.urls import path, register_converter

from . import views


class ItemKind:
    """“claim” or “quotation”: the two kinds of item on the desk."""

    regex = "claim|quotation"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ItemKind, "item_kind")

app_name = "desk"

urlpatterns = [
    path("", views.queue_page, name="queue"),
    path("sources/", views.sources_json, name="sources"),
    path("articles/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("bulk/", views.bulk, name="bulk"),
    path(
        "removals/<int:pk>/confirm/",
        views.decide_removal,
        {"decision": "confirm"},
        name="confirm_removal",
    ),
    path(
        "removals/<int:pk>/reinstate/",
        views.decide_removal,
        {"decision": "reinstate"},
        name="reinstate_removal",
    ),
    path("<item_kind:kind>/<int:pk>/", views.item_page, name="item"),
    path("<item_kind:kind>/<int:pk>/assign/", views.assign, name="assign"),
    path("<item_kind:kind>/<int:pk>/due/", views.set_due, name="due"),
    path("<item_kind:kind>/<int:pk>/verdict/", views.set_verdict, name="verdict"),
    path("<item_kind:kind>/<int:pk>/attach/", views.attach, name="attach"),
    path("<item_kind:kind>/<int:pk>/new-source/", views.new_source, name="new_source"),
    path(
        "<item_kind:kind>/<int:pk>/citations/<int:citation>/remove/",
        views.remove_citation,
        name="remove_citation",
    ),
]
