from django.shortcuts import get_object_or_404, render

from reader.caching import reader_cache

from .models import Page


@reader_cache
def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug)
    canonical = request.build_absolute_uri(page.get_absolute_url())
    return render(request, "pages/page_detail.html", {"standing_page": page, "canonical": canonical})
