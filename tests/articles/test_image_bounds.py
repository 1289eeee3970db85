"""Lead images are bounded in pixels: a small file that decodes to gigabytes is refused, never resized."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from reader import images
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory
from tests.reader.conftest import published

pytestmark = pytest.mark.django_db


def png(width, height, mode="1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    """13,000 × 13,000 pixels (169 million) in about 20 KB: one bit a pixel, all the same."""
    return png(13000, 13000)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def post_lead_image(client, article, data: bytes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = change_form_data(client.get(url))
    form["lead_image"] = SimpleUploadedFile("huge.png", data, content_type="image/png")
    form["lead_image_alt"] = "A white square"
    form["body_html"] = "Typed just now. " + form["body_html"]
    return client.post(url, form)


def test_the_pixel_limit_is_40_million_and_pillow_uses_it(settings):
    assert settings.IMAGE_MAX_PIXELS == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == 40_000_000


def test_an_editor_uploading_a_huge_image_is_told_and_nothing_is_saved(editor_client, media, huge_png):
    article = ArticleFactory()
    version = article.version

    response = post_lead_image(editor_client, article, huge_png)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [e.code for e in form.errors.as_data()["lead_image"]] == ["image_too_large"]
    html = response.content.decode()
    assert "This image is too large to use" in html
    assert "at most 40,000,000 pixels (width × height) are accepted" in html
    article.refresh_from_db()
    assert not article.lead_image
    assert article.version == version
    assert "Typed just now." not in article.body
    assert not media.exists() or not any(media.rglob("*.png"))


def test_an_image_above_the_limit_but_below_pillows_error_is_refused_with_its_size(
    editor_client, media, settings
):
    settings.IMAGE_MAX_PIXELS = 1_000_000  # Pillow only warns up to twice its own limit
    article = ArticleFactory()

    response = post_lead_image(editor_client, article, png(1200, 1000, "RGB"))

    assert response.status_code == 200
    assert "it is 1,200 × 1,000 pixels, and at most 1,000,000 pixels" in response.content.decode()
    article.refresh_from_db()
    assert not article.lead_image


def test_an_image_within_the_limit_is_saved(editor_client, media):
    article = ArticleFactory()
    response = post_lead_image(editor_client, article, png(800, 600, "RGB"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).lead_image


def test_a_stored_huge_image_is_not_resized_and_the_page_shows_no_image(client, media, huge_png):
    article = published(lead_image=ContentFile(huge_png, name="huge.png"), lead_image_alt="A white square")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "<figure" not in response.content.decode()
    assert not any(media.rglob("renditions/*"))


def test_renditions_skip_an_image_pillow_refuses_as_a_decompression_bomb(media, monkeypatch, huge_png):
    article = ArticleFactory(lead_image=ContentFile(huge_png, name="huge.png"))
    monkeypatch.setattr(images.image_limits, "too_large", lambda width, height: False)
    assert images.responsive(Article.objects.get(pk=article.pk).lead_image) is None
