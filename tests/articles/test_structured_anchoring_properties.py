"""Anchors over structured bodies: for random bodies and random edits of their HTML, every claim stays
on its words or is orphaned, never silently moved, and never runs from one block into the next.

The edits are made on the HTML as a string (text typed, markup added or removed, blocks split or
joined, anything pasted), then saved as every writer saves: `richtext.sanitise`, anchored in the
projection.
"""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import anchoring, richtext, saving
from articles.body import PARAGRAPH_BREAK
from articles.models import Claim
from tests.articles.test_anchoring_properties import Item
from tests.articles.test_richtext import bodies
from tests.factories import ArticleFactory

inserted = st.sampled_from(
    [
        "new words ",
        "12 percent",
        "</p><p>",
        "</li><li>",
        "<h2>A subheading</h2>",
        '<a href="https://example.org/">',
        "</a>",
        "<em>",
        "<strong>x</strong>",
        "<script>alert(1)</script>",
        '<p onclick="x()">',
        "&amp;",
        "\n\n",
    ]
) | st.text(max_size=12)


@st.composite
def claim_in(draw, html):
    """A claim on words inside one block of `html`'s projection, as the claim form anchors it."""
    block = draw(st.sampled_from(richtext.blocks(html)))
    start = draw(st.integers(block.start, block.end - 1))
    end = draw(st.integers(start + 1, block.end))
    text = richtext.projection(html)
    if not text[start:end].strip():
        return None
    return Item(anchoring.anchor_at(text, start, end))


@st.composite
def edited(draw, html):
    """`html` with a stretch of its source replaced by something typed or pasted."""
    i = draw(st.integers(0, len(html)))
    j = draw(st.integers(i, min(len(html), i + draw(st.integers(0, 40)))))
    return html[:i] + draw(inserted) + html[j:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_after_any_edit_a_claim_is_on_its_words_inside_one_block_or_orphaned(data):
    html = data.draw(bodies)
    item = data.draw(claim_in(html))
    if item is None:
        return
    words = item.exact
    for _ in range(data.draw(st.integers(1, 3))):
        html = richtext.sanitise(data.draw(edited(html)))
    text = richtext.projection(html)

    anchoring.apply(item, anchoring.refind(text, item))

    if item.is_orphaned:
        assert item.exact == words  # kept as it was, for the desk to see
    else:
        assert text[item.start : item.end] == item.exact
        assert anchoring.same_words(words, item.exact)
        assert not richtext.crosses_block(html, item.start, item.end)


@settings(max_examples=200, deadline=None)
@given(html=bodies, data=st.data())
def test_new_words_across_two_blocks_are_refused_with_a_message(html, data):
    text = richtext.projection(html)
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    end = data.draw(st.integers(start, len(text)))
    words = text[start:end]
    try:
        anchor = anchoring.require(text, words, hint=start)
    except ValidationError as error:
        assert error.code in {"empty_words", "no_visible_words", "splits_character", "crosses_block"}
        if error.code == "crosses_block":
            assert PARAGRAPH_BREAK in words
    else:
        assert not richtext.crosses_block(html, anchor.start, anchor.end)


@pytest.mark.django_db
def test_a_claim_across_a_link_follows_its_words_through_saves_and_is_orphaned_when_they_go(editor):
    article = ArticleFactory(
        body_html='<h2>Budget</h2><p>The council said <a href="https://example.org/b">crime fell by '
        "12 percent</a> last year.</p>"
    )
    text = article.body
    start = text.index("crime")
    claim = Claim.objects.create(article=article, **vars(anchoring.anchor_at(text, start, start + 24)))
    assert claim.exact == "crime fell by 12 percent"

    article.body_html = "<p>New lead.</p>" + article.body_html.replace("<h2>Budget</h2>", "")
    saving.save_article(article, user=editor, base_version=article.version)
    claim.refresh_from_db()
    assert (claim.is_orphaned, article.body[claim.start : claim.end]) == (False, "crime fell by 12 percent")

    article.body_html = article.body_html.replace("12 percent", "</a></p><p>12 percent")
    saving.save_article(article, user=editor, base_version=article.version)
    claim.refresh_from_db()
    assert claim.is_orphaned  # cut into two paragraphs: the desk shows it, nothing moved it
    assert claim.exact == "crime fell by 12 percent"
