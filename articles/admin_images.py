"""The image library's admin: upload with the lead image's pixel limit, search, thumbnails, and the
list the body editor's picker reads (`library/`, JSON, staff with the right to view images)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from newsroom.admin_lists import ListAtScale
from newsroom.text import CleanTextForm

from . import richtext
from .image_limits import LeadImageField
from .models import Article, Image

PICKER_LIMIT = 200  # the picker lists the newest; its search box asks the server for the rest
SHOWN_WIDTH = 320  # how wide the staff pages show a body's figure (pixels)


class ImageForm(CleanTextForm):
    class Meta:
        model = Image
        fields = ["file", "alt", "caption", "credit"]
        field_classes = {"file": LeadImageField}  # too many pixels: refused by the header


def _url(image: Image) -> str:
    try:
        return image.file.url if image.file else ""
    except ValueError:
        return ""


def staff_pictures(body_html: str):
    """`richtext.render`'s `image` for staff pages: each figure's library image, small, with its words
    (readers get responsive copies: `reader.images`)."""
    library = Image.objects.in_bulk(richtext.images(body_html))

    def picture(image_id: int) -> richtext.Picture | None:
        image = library.get(image_id)
        url = _url(image) if image else ""
        try:
            width, height = (image.file.width, image.file.height) if url else (0, 0)
        except (OSError, ValueError):
            return None
        if not (width and height):
            return None
        shown = min(width, SHOWN_WIDTH)
        scaled = max(1, round(height * shown / width))
        return richtext.Picture(
            url, f"{url} {width}w", f"{shown}px", shown, scaled, image.alt, image.caption, image.credit
        )

    return picture


@admin.register(Image)
class ImageAdmin(ListAtScale):
    form = ImageForm
    list_display = ["thumbnail", "alt", "caption", "credit", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "alt"]
    search_fields = ["alt", "caption", "credit"]
    readonly_fields = ["preview", "used_in", "uploaded_by", "uploaded_at", "updated_at"]
    fields = [
        "file",
        "preview",
        "alt",
        "caption",
        "credit",
        "used_in",
        "uploaded_by",
        "uploaded_at",
        "updated_at",
    ]
    list_per_page = 50

    @admin.display(description="image")
    def thumbnail(self, image: Image):
        url = _url(image)
        if not url:
            return "—"
        return format_html('<img src="{}" alt="" width="96" loading="lazy" class="library-thumbnail">', url)

    @admin.display(description="preview")
    def preview(self, image: Image):
        url = _url(image)
        if not url:
            return "—"
        return format_html('<img src="{}" alt="{}" width="320" class="library-preview">', url, image.alt)

    @admin.display(description="used in")
    def used_in(self, image: Image):
        """The articles whose working copy or live version places the image: an edit shows in all."""
        if image.pk is None:
            return "—"
        placed = richtext.placement(image.pk)
        articles = Article.objects.filter(body_html__contains=placed) | Article.objects.filter(
            live_revision__body_html__contains=placed
        )
        articles = articles.distinct().order_by("title")[:50]
        if not articles:
            return "No article yet."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_article_change", args=[a.pk]), a.title) for a in articles),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        picker = path("library/", self.admin_site.admin_view(self.library), name="articles_image_library")
        return [picker, *super().get_urls()]

    def library(self, request):
        """The library for the body editor's picker: newest first, filtered by `q` as the list's search."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.all()
        if query := request.GET.get("q", "").strip():
            images, _ = self.get_search_results(request, images, query)
        rows = [
            {
                "id": image.pk,
                "alt": image.alt,
                "caption": image.caption,
                "credit": image.credit,
                "thumbnail": _url(image),
            }
            for image in images[:PICKER_LIMIT]
        ]
        return JsonResponse({"images": rows})
