"""The image library: upload with a required text alternative and the lead image's pixel limit,
search and thumbnails in the admin, and the list the body editor's picker reads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as Pillow

from articles.models import Image

pytestmark = pytest.mark.django_db


def png(width=40, height=30, name="map.png"):
    buffer = io.BytesIO()
    Pillow.new("RGB", (width, height), (10, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_reporter_uploads_an_image_with_its_words_and_is_recorded_as_uploader(client, reporter, media):
    client.force_login(reporter)
    add = reverse("admin:articles_image_add")

    refused = client.post(add, {"file": png(), "alt": " ", "caption": "The ward"})
    assert refused.status_code == 200 and not Image.objects.exists()  # a text alternative is required

    response = client.post(
        add, {"file": png(), "alt": "A map of the ward", "caption": "Ward 3", "credit": "Map: Desk"}
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt, image.caption, image.credit, image.uploaded_by) == (
        "A map of the ward",
        "Ward 3",
        "Map: Desk",
        reporter,
    )
    assert image.file.name.startswith("library/")


def test_too_many_pixels_are_refused_by_the_header(client, editor, media, settings):
    settings.IMAGE_MAX_PIXELS = 1000
    client.force_login(editor)
    response = client.post(reverse("admin:articles_image_add"), {"file": png(100, 100), "alt": "Big"})
    assert response.status_code == 200
    assert "too large to use" in response.content.decode()
    assert not Image.objects.exists()


def test_the_list_shows_thumbnails_and_searches_the_words(client, editor, media):
    Image.objects.create(file=png(), alt="A map of the ward", caption="Ward 3")
    Image.objects.create(file=png(name="mayor.png"), alt="The mayor", credit="Photo: Jo Lens")
    client.force_login(editor)

    page = client.get(reverse("admin:articles_image_changelist"), {"q": "lens"}).content.decode()

    assert "The mayor" in page and "A map of the ward" not in page
    assert 'class="library-thumbnail"' in page and "/library/" in page


def test_the_picker_lists_images_for_staff_who_may_view_them(client, factchecker, media):
    ward = Image.objects.create(file=png(), alt="A map of the ward", caption="Ward 3", credit="Map: Desk")
    Image.objects.create(file=png(name="mayor.png"), alt="The mayor")
    url = reverse("admin:articles_image_library")

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(factchecker)
    everything = client.get(url).json()["images"]
    found = client.get(url, {"q": "ward"}).json()["images"]

    assert [row["alt"] for row in everything] == ["The mayor", "A map of the ward"]  # newest first
    assert found == [
        {
            "id": ward.pk,
            "alt": "A map of the ward",
            "caption": "Ward 3",
            "credit": "Map: Desk",
            "thumbnail": ward.file.url,
        }
    ]


def test_staff_without_the_right_to_view_images_get_no_list(client, django_user_model, media):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    client.force_login(clerk)
    assert client.get(reverse("admin:articles_image_library")).status_code == 403


def test_the_article_page_shows_the_body_figures_to_staff(client, editor, media):
    from tests.factories import ArticleFactory

    image = Image.objects.create(file=png(), alt="A map of the ward", caption="Ward 3", credit="Map: Desk")
    article = ArticleFactory(
        body_html=f'<p>One.</p><figure data-image="{image.pk}"></figure>'
        '<figure data-embed="https://social.example/@a/1"></figure><p>Two.</p>'
    )
    client.force_login(editor)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    shown = page[page.index("data-marking-body") :]

    assert f'<img src="{image.file.url}"' in shown and 'alt="A map of the ward"' in shown
    assert 'width="40" height="30"' in shown  # smaller than the staff width: as it is
    assert '<figcaption>Ward 3 <span class="credit">Map: Desk</span></figcaption>' in shown
    assert 'href="https://social.example/@a/1"' in shown
    assert '<p data-offset="6">Two.</p>' in shown  # the figures take no place in the text


def test_an_image_page_names_the_articles_that_use_it(client, editor, media):
    from tests.factories import ArticleFactory

    image = Image.objects.create(file=png(), alt="A map of the ward")
    other = Image.objects.create(file=png(), alt="Another")
    ArticleFactory(title="Ward story", body_html=f'<p>One.</p><figure data-image="{image.pk}"></figure>')
    ArticleFactory(title="Unrelated", body_html=f'<p>Two.</p><figure data-image="{image.pk}0"></figure>')
    client.force_login(editor)

    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()
    unused = client.get(reverse("admin:articles_image_change", args=[other.pk])).content.decode()

    assert ">Ward story</a>" in page and "Unrelated" not in page
    assert "No article yet." in unused
