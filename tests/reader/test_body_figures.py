"""Figures in the body: a library image with its caption and credit, an embedded post as a link; one
edit of the image shows on every live page that uses it, and a figure moves no claim."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import publishing, saving
from articles.models import Claim, Image
from reader.models import RenderedRevision

from .conftest import published
from .test_images import jpeg

pytestmark = pytest.mark.django_db

POST = "https://social.example/@council/112233?lang=en&amp;ref=x"


def library_image(**fields) -> Image:
    fields = {"alt": "The council chamber, empty", "caption": "Where the vote was held", **fields}
    return Image.objects.create(file=jpeg(1600, 900), credit="Photo: Jo Lens", **fields)


def with_figures(article, image: Image) -> None:
    """Put an image figure and an embed between the body's first two paragraphs, and publish."""
    first, rest = article.body_html.split("\n", 1)
    article.body_html = (
        f'{first}\n<figure data-image="{image.pk}"></figure>\n<figure data-embed="{POST}"></figure>\n{rest}'
    )
    article.save()
    return publishing.publish(article)


def body_of(client, article) -> str:
    page = client.get(article.get_absolute_url()).content.decode()
    return page[page.index('<div class="article-body">') :]


def test_the_page_shows_the_image_with_its_words_and_the_post_as_a_link(client, media):
    image = library_image()
    article = with_figures(published(body="The council met."), image)

    body = body_of(client, article)

    figure = re.search(r'<figure class="image"><img ([^>]*)><figcaption>(.*?)</figcaption></figure>', body)
    assert figure, body[:2000]
    assert 'alt="The council chamber, empty"' in figure[1]
    assert 'srcset="' in figure[1] and " 800w" in figure[1] and 'width="' in figure[1]
    assert figure[2] == 'Where the vote was held <span class="credit">Photo: Jo Lens</span>'
    assert (
        '<figure class="embed"><p><a href="https://social.example/@council/112233?lang=en&amp;ref=x" '
        'rel="external">View the post on social.example</a></p></figure>'
    ) in body
    assert "<script" not in body.split("</main>")[0] and "<iframe" not in body


def test_a_figure_inserted_between_paragraphs_moves_no_claim(media, django_user_model):
    article = published(body="The council met.")
    claims = {c.pk: (c.start, c.end, c.exact) for c in Claim.objects.filter(article=article)}
    image = library_image()
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "x")

    first, rest = article.body_html.split("\n", 1)
    article.body_html = f'{first}\n<figure data-image="{image.pk}"></figure>\n{rest}'
    saving.save_article(article, user=editor, base_version=article.version)

    article.refresh_from_db()
    assert f'<figure data-image="{image.pk}"></figure>' in article.body_html
    for claim in Claim.objects.filter(article=article):
        assert (claim.start, claim.end, claim.exact) == claims[claim.pk]
        assert not claim.is_orphaned


def test_editing_the_image_shows_everywhere_and_a_deleted_one_shows_nothing(client, media):
    image = library_image()
    first = with_figures(published(body="The council met."), image)
    second = with_figures(published(body="The mayor spoke.", title="Another", slug="another"), image)
    assert "Where the vote was held" in body_of(client, first)  # rendered and stored
    assert "Where the vote was held" in body_of(client, second)

    image.caption = "The chamber before the vote"
    image.credit = "Photo: Kim Other"
    image.alt = "Rows of empty seats"
    image.save()

    for article in (first, second):
        body = body_of(client, article)
        assert "Where the vote was held" not in body and "Photo: Jo Lens" not in body
        assert 'The chamber before the vote <span class="credit">Photo: Kim Other</span>' in body
        assert 'alt="Rows of empty seats"' in body

    image.delete()

    body = body_of(client, first)
    assert '<figure class="image">' not in body and "The chamber before the vote" not in body
    assert '<figure class="embed">' in body


def test_an_image_the_body_does_not_use_leaves_the_stored_page_alone(client, media):
    used, other = library_image(), library_image(caption="Unrelated")
    article = with_figures(published(body="The council met."), used)
    body_of(client, article)
    rendering = article.live_revision.rendered

    other.caption = "Still unrelated"
    other.save()
    library_image(caption="Uploaded just now")  # a new image is placed nowhere yet

    article.live_revision.refresh_from_db()
    assert article.live_revision.rendered.pk == rendering.pk
    kept = RenderedRevision.objects.filter(pk=rendering.pk, rendered_at=rendering.rendered_at)
    assert kept.exists()  # the same stored rendering, not one made again


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_rendering_locks_the_placed_images_against_a_concurrent_edit(client, media):
    article = with_figures(published(body="The council met."), library_image())
    with CaptureQueriesContext(connection) as queries:
        body_of(client, article)
    locked = [q["sql"] for q in queries if "FOR NO KEY UPDATE" in q["sql"]]
    assert any('"articles_image"' in sql for sql in locked)
