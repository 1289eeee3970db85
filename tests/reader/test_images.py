"""Lead images: responsive copies made once, with srcset, sizes, width and height."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reader import images

from .conftest import published

pytestmark = pytest.mark.django_db


def jpeg(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("harbour.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_lead_image_is_served_in_responsive_sizes(client, media):
    article = published(
        lead_image=jpeg(2000, 1000),
        lead_image_alt="The harbour at dawn",
        lead_image_caption="The harbour",
        lead_image_credit="Jo Photographer",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    name = article.lead_image.name
    for width in (480, 800, 1200, 1600):
        assert f"/media/{images.rendition_name(name, width)} {width}w" in html
        with Image.open(media / images.rendition_name(name, width)) as copy:
            assert copy.size == (width, width // 2)
    assert f"/media/{name} 2000w" in html
    assert 'width="1200" height="600" alt="The harbour at dawn"' in html
    assert f'sizes="{images.SIZES}"' in html
    assert '<figcaption>The harbour <span class="credit">Jo Photographer</span></figcaption>' in html
    assert '<meta property="og:image" content="http://testserver/media/' in html


def test_renditions_are_made_once(client, media):
    article = published(lead_image=jpeg(900, 600), lead_image_alt="The harbour")
    client.get(article.get_absolute_url())
    copy = media / images.rendition_name(article.lead_image.name, 480)
    made = copy.stat().st_mtime_ns
    client.get(article.get_absolute_url())
    assert copy.stat().st_mtime_ns == made
    assert not (media / images.rendition_name(article.lead_image.name, 1200)).exists()  # no upscaling


def test_missing_upload_shows_no_image_rather_than_a_broken_one(client, media):
    article = published(lead_image="lead-images/gone.jpg", lead_image_alt="The harbour")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<figure" not in html
