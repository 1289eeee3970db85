"""Root URLs: the admin (editors' home) and the reader site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("desk/", include("desk.urls")),
    path("", include("reader.urls")),
]

if settings.DEBUG:  # uploads (lead images); in production the web server or a CDN serves MEDIA_URL
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
