from django.contrib import admin

from .models import Person, Source


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "updated_at"]
    search_fields = ["name", "aliases", "role", "organisation"]
    list_filter = ["organisation"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "published_on", "url"]
    list_filter = ["kind"]
    search_fields = ["title", "publisher", "url", "notes"]
    date_hierarchy = "published_on"
    fieldsets = [
        (None, {"fields": ["title", "kind", "publisher"]}),
        ("Where to find it", {"fields": ["url", "archived_url", "published_on", "accessed_on"]}),
        (None, {"fields": ["notes"]}),
    ]
