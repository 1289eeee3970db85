from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html

from newsroom.admin_lists import ListAtScale
from newsroom.text import CleanTextForm

from . import archiving, health
from .models import ArchiveStatus, Health, Person, Source

# Admin actions run in the request: larger batches belong to `manage.py check_sources`.
MAX_CHECK_NOW = 50
MAX_ARCHIVE_REQUESTS = 10


@admin.register(Person)
class PersonAdmin(ListAtScale):
    form = CleanTextForm  # text saved NFC, without control characters (newsroom/text.py)
    list_display = ["name", "role", "organisation", "updated_at"]
    search_fields = ["name", "aliases", "role", "organisation"]
    list_filter = ["organisation"]


class HealthFilter(admin.SimpleListFilter):
    """Link health as the selectors define it (a URL edited since its check counts as not checked)."""

    title = "link health"
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return Health.choices

    def queryset(self, request, queryset):
        if self.value() == Health.DEAD:
            return queryset.dead()
        if self.value() in Health.values:
            return queryset.with_health(self.value())
        return queryset


class ArchiveFilter(admin.SimpleListFilter):
    title = "archived copy"
    parameter_name = "archive"

    def lookups(self, request, model_admin):
        return [
            ("yes", "Has an archived copy"),
            ("no", "No archived copy"),
            ("dead_no", "Dead link, no archived copy"),
            ("failed", "Archive request failed"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.exclude(archived_url="")
            case "no":
                return queryset.filter(archived_url="")
            case "dead_no":
                return queryset.dead_without_archive()
            case "failed":
                return queryset.filter(archive_status=ArchiveStatus.FAILED)
        return queryset


HEALTH_COLOURS = {
    Health.OK: "#1a7f37",
    Health.REDIRECTED: "#9a6700",
    Health.UNREACHABLE: "#bc4c00",
    Health.DEAD: "#cf222e",
    Health.UNCHECKED: "#6e7781",
}


def _refusal_text(refusal) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal)


@admin.register(Source)
class SourceAdmin(ListAtScale):
    form = CleanTextForm
    list_display = [
        "title",
        "kind",
        "publisher",
        "published_on",
        "url",
        "link_health",
        "last_checked_at",
        "archive",
    ]
    list_filter = [HealthFilter, ArchiveFilter, "kind"]
    search_fields = ["title", "publisher", "url", "notes"]
    date_hierarchy = "published_on"
    actions = ["check_now", "request_archived_copy"]
    readonly_fields = [
        "link_health",
        "last_checked_at",
        "final_url",
        "consecutive_failures",
        "archive_status",
        "archive_requested_at",
        "archive_requested_by",
        "archive_error",
    ]
    fieldsets = [
        (None, {"fields": ["title", "kind", "publisher"]}),
        ("Where to find it", {"fields": ["url", "archived_url", "published_on", "accessed_on"]}),
        (
            "Link health",
            {
                "fields": [
                    "link_health",
                    "last_checked_at",
                    "final_url",
                    "consecutive_failures",
                    "archive_status",
                    "archive_requested_at",
                    "archive_requested_by",
                    "archive_error",
                ],
                "classes": ["collapse"],
            },
        ),
        (None, {"fields": ["notes"]}),
    ]

    @admin.display(description="link", ordering="health")
    def link_health(self, source):
        state = Health(source.current_health)
        if not source.url:
            return "—"
        detail = f" ({source.last_status})" if source.last_status and state != Health.UNCHECKED else ""
        return format_html(
            '<strong style="color: {}">{}</strong>{}', HEALTH_COLOURS[state], state.label, detail
        )

    @admin.display(description="archived copy")
    def archive(self, source):
        if source.archived_url:
            return format_html('<a href="{}" rel="noopener noreferrer">copy</a>', source.archived_url)
        if source.archive_status:
            return source.get_archive_status_display()
        return "—"

    @admin.action(description="Check links now", permissions=["change"])
    def check_now(self, request, queryset):
        sources = list(queryset.with_url()[: MAX_CHECK_NOW + 1])
        if len(sources) > MAX_CHECK_NOW:
            self.message_user(
                request,
                f"Check at most {MAX_CHECK_NOW} sources at a time here; "
                "`manage.py check_sources` checks them all.",
                messages.ERROR,
            )
            return
        if not sources:
            self.message_user(request, "None of the selected sources has a web address.", messages.WARNING)
            return
        summary = health.check_sources(sources)
        if summary.outage:
            self.message_user(request, summary.outage, messages.ERROR)
            return
        counts = ", ".join(
            f"{count} {Health(state).label.lower()}" for state, count in summary.counts.items()
        )
        level = messages.WARNING if summary.dead else messages.SUCCESS
        self.message_user(request, f"Checked {summary.checked} source(s): {counts}.", level)
        for source in summary.dead:
            self.message_user(
                request, f"Dead link: “{source}” ({source.url}, {source.last_status}).", messages.WARNING
            )

    @admin.action(description="Request archived copy", permissions=["change"])
    def request_archived_copy(self, request, queryset):
        sources = list(queryset[: MAX_ARCHIVE_REQUESTS + 1])
        if len(sources) > MAX_ARCHIVE_REQUESTS:
            self.message_user(
                request,
                f"Request at most {MAX_ARCHIVE_REQUESTS} archived copies at a time.",
                messages.ERROR,
            )
            return
        for source in sources:
            try:
                result = archiving.request_archive(source, user=request.user)
            except (PermissionDenied, ValidationError) as refusal:
                self.message_user(request, _refusal_text(refusal), messages.ERROR)
                continue
            if result.ok:
                self.log_change(request, source, f"Archived copy saved: {result.snapshot_url}")
                self.message_user(request, f"Archived “{source}”: {result.snapshot_url}", messages.SUCCESS)
            else:
                self.message_user(request, f"Could not archive “{source}”: {result.error}", messages.ERROR)
