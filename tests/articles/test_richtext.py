"""Structured bodies: sanitising keeps only the allowed subset, the projection keeps old offsets, and
marks render inside the structure as valid HTML with exactly their words."""

import html as htmllib
from html.parser import HTMLParser

from django.utils.safestring import SafeString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.body import normalize_body, paragraphs
from articles.rendering import Mark
from articles.richtext import (
    ALLOWED,
    Picture,
    blocks,
    crosses_block,
    from_plain_text,
    images,
    projection,
    render,
    sanitise,
)
from newsroom.text import clean as clean_text

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKER = "FORBIDDEN_CONTENT"

# Characters that are special to HTML, to whitespace folding or to NFC.
piece = st.sampled_from(
    ["a", "b", "Crime", " ", "  ", "\n", "\n\n", "\t", "\r\n", "<", ">", "&", '"', "'", "é", "e\u0301"]
    + ["\u0301", "\u00a0", "\u0085", "\u2028", "\x01", "\x0b", "\x0c", "\u200b", "👍🏽", "ﬁ", "Å"]
)
raw_text = st.lists(piece | st.characters(codec="utf-8"), max_size=12).map("".join)
entity = st.sampled_from(["&amp;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#1;", "&#x6a;", "&eacute;"])
entity |= st.just("&#769;")  # a combining accent, as an entity
text_node = st.lists(raw_text.map(htmllib.escape) | entity, max_size=4).map("".join)

HREFS = [
    "http://example.com/a?b=1&amp;c=2",
    "https://example.org/",
    "mailto:desk@example.com",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java&#09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
    "DATA:image/png;base64,AAAA",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/relative",
    "#fragment",
]
ATTRIBUTES = ["href", "onclick", "OnMouseOver", "onerror", "style", "src", "class", "id", "title"]
ATTRIBUTES += ["srcdoc", "formaction", "xlink:href", "rel", "target", "data-x", "data-image", "data-embed"]
VALUES = HREFS + ["color: red", "expression(alert(1))", "x", "alert(1)", "7", "007", "0", "-1", "1e3"]
VALUES += ["https://social.example/@a/1", "http://x", "https:nohost", "https://a b.example/"]
FORBIDDEN = ["span", "div", "b", "i", "u", "font", "h1", "h4", "table", "td", "form", "video", "section"]
VOID = ["img", "br", "hr", "input", "embed", "meta", "link", "base", "wbr"]
# Elements whose content is code or fallback markup and must go with them.
WITH_CONTENT = ["script", "style", "iframe", "textarea", "noscript", "template", "title", "xmp", "svg"]
WITH_CONTENT += ["math", "object", "noembed"]


@st.composite
def tag_name(draw, names):
    name = draw(st.sampled_from(names))
    upper = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    return "".join(c.upper() if up else c for c, up in zip(name, upper, strict=True))


attribute = st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES))
attributes = st.lists(attribute, max_size=3).map(lambda pairs: "".join(f' {k}="{v}"' for k, v in pairs))


def element(children):
    tag = tag_name(sorted(ALLOWED) + FORBIDDEN)
    normal = st.builds(
        lambda t, a, c: f"<{t}{a}>{''.join(c)}</{t}>", tag, attributes, st.lists(children, max_size=4)
    )
    void = st.builds(lambda t, a: f"<{t}{a}>", tag_name(VOID), attributes)
    dropped = st.builds(lambda t, a: f"<{t}{a}>alert('{MARKER}')</{t}>", tag_name(WITH_CONTENT), attributes)
    return normal | void | dropped


trees = st.lists(st.recursive(text_node, element, max_leaves=20), max_size=5).map("".join)


class Checker(HTMLParser):
    """Records every element with its parent, its attributes, and comments, of a fragment."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.open, self.elements, self.comments, self.closed_wrongly = [""], [], [], []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, self.open[-1], self.open.copy(), dict(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open[-1] != tag:
            self.closed_wrongly.append(tag)
        else:
            self.open.pop()

    def handle_comment(self, data):
        self.comments.append(data)


PARENTS = {"p": {"", "blockquote"}, "h2": {""}, "h3": {""}, "ul": {""}, "ol": {""}, "blockquote": {""}}
PARENTS |= {"li": {"ul", "ol"}, "figure": {""}}
PARENTS |= {tag: {"p", "h2", "h3", "li", "a", "em", "strong"} for tag in ("a", "em", "strong")}


def assert_only_allowed(fragment):
    checker = Checker(fragment)
    assert not checker.comments and not checker.closed_wrongly and checker.open == [""]
    for tag, parent, ancestors, attrs in checker.elements:
        assert tag in ALLOWED and set(attrs) <= ALLOWED[tag], (tag, attrs)
        assert parent in PARENTS[tag], (tag, parent)
        assert tag not in ancestors, (tag, ancestors)  # no link in a link, no em in an em
        if tag == "a":
            address = "".join(c for c in attrs["href"] if ord(c) > 0x20).lower()
            assert address.startswith(("http:", "https:", "mailto:")), attrs
        if tag == "figure":  # one image by a positive id, or one embed by a web address
            [(name, value)] = attrs.items()
            if name == "data-image":
                assert value.isascii() and value.isdigit() and int(value) > 0 and str(int(value)) == value
            else:
                assert name == "data-embed" and value.lower().startswith(("http://", "https://")), attrs


@PROPERTY
@given(trees)
def test_sanitising_keeps_only_the_allowed_subset_and_is_idempotent(html):
    clean = sanitise(html)
    assert_only_allowed(clean)
    assert MARKER not in clean
    assert sanitise(clean) == clean
    text = projection(clean)
    assert text == projection(html)
    assert clean_text(text) == text  # NFC, no control characters: saved text
    assert normalize_body(text) == text  # so anchoring reads it as it reads a plain-text body
    assert all(text[b.start : b.end] == b.text and b.text for b in blocks(clean))


@PROPERTY
@given(st.lists(piece | st.sampled_from(list("<>/=\"'!-&;#x ") + ["<p>", "</a>", "<a href="]), max_size=40))
def test_any_string_sanitises_to_the_allowed_subset(pieces):
    clean = sanitise("".join(pieces))
    assert_only_allowed(clean)
    assert sanitise(clean) == clean


plain_text = st.lists(piece | st.characters(codec="utf-8"), max_size=80).map("".join)


@PROPERTY
@given(plain_text)
def test_a_plain_text_body_keeps_its_text_and_offsets(text):
    structured = from_plain_text(text)
    assert projection(structured) == normalize_body(text)
    assert sanitise(structured) == structured
    found = [(b.start, b.text) for b in blocks(structured)]
    assert found == [(p.start, p.text) for p in paragraphs(normalize_body(text))]


# Random structured bodies, built the way an editor's tools would write them.
words = st.lists(piece | st.sampled_from(["word", "12 percent", "Ω"]), min_size=1, max_size=6).map("".join)
wrapper = st.sampled_from(['a href="https://example.com/?q=1&amp;r=2"', 'a href="mailto:x@example.com"'])
wrapper |= st.sampled_from(["em", "strong"])
segment = st.tuples(words, st.lists(wrapper, max_size=3, unique=True))
inline = st.lists(segment, min_size=1, max_size=4).map(
    lambda segments: "".join(wrapped(htmllib.escape(text), tags) for text, tags in segments)
)


def wrapped(text, tags):
    for tag in reversed(tags):
        text = f"<{tag}>{text}</{tag.split()[0]}>"
    return text


top_block = st.builds(lambda t, c: f"<{t}>{c}</{t}>", st.sampled_from(["p", "h2", "h3"]), inline)
list_block = st.builds(
    lambda t, items: f"<{t}>{''.join(f'<li>{i}</li>' for i in items)}</{t}>",
    st.sampled_from(["ul", "ol"]),
    st.lists(inline, min_size=1, max_size=3),
)
quote_block = st.lists(inline, min_size=1, max_size=3).map(
    lambda ps: f"<blockquote>{''.join(f'<p>{p}</p>' for p in ps)}</blockquote>"
)
figure_block = st.sampled_from(
    ['<figure data-image="1"></figure>', '<figure data-image="42"><img src="x.jpg"></figure>']
    + [
        '<figure data-embed="https://social.example/@a/1?x=1&amp;y=2">'
        "<figcaption>A post</figcaption></figure>"
    ]
)


def with_text(html):
    return html if projection(html) else sanitise(html + "<p>x</p>")


bodies = st.lists(top_block | list_block | quote_block | figure_block, min_size=1, max_size=5).map(
    lambda parts: with_text(sanitise("".join(parts)))
)


@st.composite
def body_and_marks(draw):
    html = draw(bodies)
    found = blocks(html)
    marks = []
    for n in range(draw(st.integers(0, 5))):
        block = draw(st.sampled_from(found))
        start = draw(st.integers(block.start, block.end - 1))
        end = draw(st.integers(start + 1, block.end))
        tag = draw(st.sampled_from(["mark", "span"]))
        after = SafeString(f'<sup data-after="{n}"></sup>')
        marks.append(Mark(start, end, tag, {"id": f"m{n}", "data-n": str(n)}, after))
    return html, marks


class Reading(HTMLParser):
    """What a reader's browser makes of rendered HTML: text per block, each mark's words, where the
    footnotes are, and whether every tag was closed in order."""

    BLOCKS = ("p", "h2", "h3", "li")

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.open, self.blocks, self.words, self.ids, self.afters = [], [], {}, [], {}
        self.well_formed = True
        self.feed(fragment)
        self.close()
        self.well_formed &= not self.open

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.open.append((tag, attrs))
        if tag in self.BLOCKS:
            self.blocks.append("")
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "data-after" in attrs:  # (block, offset in its text, inside a link)
            where = (len(self.blocks) - 1, len(self.blocks[-1]), any(t == "a" for t, _ in self.open))
            self.afters.setdefault(int(attrs["data-after"]), []).append(where)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop()[0] != tag:
            self.well_formed = False

    def handle_data(self, data):
        if not any(tag in self.BLOCKS for tag, _ in self.open):
            assert not data.strip(), data
            return
        self.blocks[-1] += data
        for _, attrs in self.open:
            if "data-n" in attrs:
                self.words.setdefault(int(attrs["data-n"]), []).append(data)


@PROPERTY
@given(body_and_marks())
def test_marks_render_inside_the_structure_with_exactly_their_words(case):
    html, marks = case
    reading = Reading(render(html, marks))
    found = blocks(html)
    text = projection(html)
    assert reading.well_formed
    assert reading.blocks == [b.text for b in found]
    for n, mark in enumerate(marks):
        assert "".join(reading.words[n]) == text[mark.start : mark.end]
        assert reading.ids.count(f"m{n}") == 1
        [(index, offset, linked)] = reading.afters[n]  # written once, after the mark's words
        assert found[index].start <= mark.end <= found[index].start + offset
        assert not linked  # a footnote link never sits inside a link


@st.composite
def body_and_any_marks(draw):
    html = draw(bodies)
    length = len(projection(html))
    marks = []
    for n in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, length - 1))
        end = draw(st.integers(start + 1, length))
        marks.append(Mark(start, end, "mark", {"id": f"m{n}", "data-n": str(n)}))
    return html, marks


@PROPERTY
@given(body_and_any_marks())
def test_marks_across_blocks_are_cut_at_each_block_and_keep_one_id(case):
    html, marks = case
    reading = Reading(render(html, marks))
    text = projection(html)
    assert reading.well_formed
    assert reading.blocks == [b.text for b in blocks(html)]
    for n, mark in enumerate(marks):
        words = text[mark.start : mark.end].replace("\n", "")  # block texts hold no line break
        assert "".join(reading.words.get(n, [])) == words
        assert reading.ids.count(f"m{n}") == (1 if words else 0)


@settings(PROPERTY, max_examples=100)
@given(bodies)
def test_rendering_without_marks_is_the_stored_form(html):
    assert render(html, []) == html


# Examples.


def test_a_link_inside_a_claim_is_written_in_pieces_that_nest():
    html = '<p>Crime fell <a href="https://stats.example/2023">12 percent</a> last year.</p>'
    start = projection(html).index("Crime")
    end = projection(html).index(" last")
    claim = Mark(start, end, "mark", {"id": "c1", "class": "claim"}, SafeString("<sup>1</sup>"))
    assert render(html, [claim]) == (
        '<p><mark id="c1" class="claim">Crime fell </mark><a href="https://stats.example/2023">'
        '<mark class="claim">12 percent</mark></a><sup>1</sup> last year.</p>'
    )


def test_subheadings_list_items_and_quoted_paragraphs_are_blocks():
    html = (
        "<h2>What changed</h2><p>Two things:</p><ol><li>taxes</li><li>fees</li></ol>"
        "<blockquote><p>It was <em>fair</em>.</p><p>Truly.</p></blockquote>"
    )
    assert projection(html) == "What changed\n\nTwo things:\n\ntaxes\n\nfees\n\nIt was fair.\n\nTruly."
    assert [(b.kind, b.container) for b in blocks(html)] == [
        ("h2", None),
        ("p", None),
        ("li", "ol"),
        ("li", "ol"),
        ("p", "blockquote"),
        ("p", "blockquote"),
    ]


def test_a_claim_may_span_a_link_but_not_two_blocks():
    html = "<h3>Budget</h3><p>It rose by <a href='https://example.com'>a third</a>.</p>"
    text = projection(html)
    assert not crosses_block(html, text.index("rose"), text.index("."))
    assert crosses_block(html, text.index("get"), text.index("rose"))


def test_bare_text_and_unknown_blocks_become_paragraphs():
    html = "Lead <em>text</em><div>one</div><div>two<br>lines</div><h1>Title</h1><h5>Minor</h5>"
    assert sanitise(html) == (
        "<p>Lead <em>text</em></p>\n<p>one</p>\n<p>two lines</p>\n<h2>Title</h2>\n<h3>Minor</h3>"
    )


def test_scripts_styles_and_handlers_go_and_unsafe_links_lose_their_address():
    html = (
        '<p onclick="x()" style="color:red">Hi<script>alert(1)</script><style>p{}</style> '
        '<a href="JaVaScRiPt:alert(1)">there</a> <a href="https://example.com" target="_blank">ok</a></p>'
    )
    assert sanitise(html) == '<p>Hi there <a href="https://example.com">ok</a></p>'


def test_a_page_adds_its_own_link_attributes_when_rendering():
    html = '<p><a href="https://example.com/?a=1&amp;b=2">source</a></p>'
    rendered = render(html, [], link_attrs=lambda href: {"rel": "external", "data-versionurl": href})
    assert rendered == (
        '<p><a href="https://example.com/?a=1&amp;b=2" rel="external" '
        'data-versionurl="https://example.com/?a=1&amp;b=2">source</a></p>'
    )


# Figures: blocks of their own, with no text.


def test_a_figure_adds_nothing_to_the_projection_and_keeps_the_offsets_after_it():
    before = "<p>Crime fell 12 percent.</p>\n<p>The mayor said so.</p>"
    after = before.replace(
        "\n", '\n<figure data-image="7"></figure>\n<figure data-embed="https://x.example/p/1"></figure>\n'
    )
    assert sanitise(after) == after
    assert projection(after) == projection(before)
    assert [(b.start, b.text) for b in blocks(after)] == [(b.start, b.text) for b in blocks(before)]
    said = projection(before).index("mayor")
    claim = Mark(said, said + 5, "mark", {"id": "c1"})
    assert 'data-offset="24"' in render(after, [claim], offsets=True)
    assert '<mark id="c1">mayor</mark>' in render(after, [claim])


@PROPERTY
@given(bodies, st.data())
def test_inserting_a_figure_between_blocks_changes_no_offset(html, data):
    lines = html.split("\n")
    cuts = [
        i
        for i in range(len(lines) + 1)
        if i in (0, len(lines)) or lines[i - 1][1:3] not in ("ul", "ol", "li", "bl")
    ]
    at = data.draw(st.sampled_from(cuts))
    figure = data.draw(figure_block)
    changed = sanitise("\n".join([*lines[:at], figure, *lines[at:]]))
    assert projection(changed) == projection(html)
    assert [(b.start, b.text) for b in blocks(changed)] == [(b.start, b.text) for b in blocks(html)]


def test_figures_keep_only_a_valid_image_id_or_web_address_and_nothing_inside():
    html = (
        '<figure data-image="007" class="x" onclick="y()"><img src="a.jpg">'
        "<figcaption>Cap</figcaption></figure>"
        '<figure data-image="-1">Kept as text</figure>'
        '<figure data-embed="javascript:alert(1)"></figure>'
        '<figure data-embed="https://social.example/@a/1?x=1&amp;y=2"><script>alert(1)</script></figure>'
        '<figure data-embed="data:text/html,x"></figure><figure data-image="0"></figure>'
    )
    assert sanitise(html) == (
        '<figure data-image="7"></figure>\n<p>Kept as text</p>\n'
        '<figure data-embed="https://social.example/@a/1?x=1&amp;y=2"></figure>'
    )
    assert images(html + '<figure data-image="3"></figure><figure data-image="7"></figure>') == [7, 3]


def picture(image_id):
    if image_id != 7:
        return None  # deleted from the library
    return Picture(
        "/m/a-800w.jpg",
        "/m/a-800w.jpg 800w, /m/a.jpg 1600w",
        "100vw",
        1600,
        900,
        'The "chamber"',
        "Council & mayor",
        "Photo: A. Lens",
    )


def test_readers_get_the_library_image_with_its_caption_and_credit_and_nothing_for_a_gone_one():
    html = '<p>One</p><figure data-image="7"></figure><figure data-image="8"></figure><p>Two</p>'
    assert render(html, [], image=picture) == (
        '<p>One</p>\n<figure class="image"><img src="/m/a-800w.jpg" '
        'srcset="/m/a-800w.jpg 800w, /m/a.jpg 1600w" '
        'sizes="100vw" width="1600" height="900" alt="The &#34;chamber&#34;" loading="lazy">'
        '<figcaption>Council &amp; mayor <span class="credit">Photo: A. Lens</span></figcaption></figure>\n'
        "<p>Two</p>"
    )
    bare = lambda image_id: Picture("/a.png", "/a.png 400w", "100vw", 400, 300, "A map")  # noqa: E731
    assert render('<figure data-image="1"></figure>', [], image=bare) == (
        '<figure class="image"><img src="/a.png" srcset="/a.png 400w" sizes="100vw" '
        'width="400" height="300" '
        'alt="A map" loading="lazy"></figure>'
    )


def test_an_embed_is_a_plain_link_to_the_post():
    html = '<figure data-embed="https://www.social.example/@a/1?x=1&amp;y=2"></figure>'
    rendered = render(html, [], lambda href: {"rel": "external"}, image=picture)
    assert rendered == (
        '<figure class="embed"><p><a href="https://www.social.example/@a/1?x=1&amp;y=2" rel="external">'
        "View the post on social.example</a></p></figure>"
    )
    assert render(html, []) == sanitise(html)  # without a resolver: the stored form
