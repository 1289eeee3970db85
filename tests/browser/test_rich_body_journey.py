"""Issue 16's journey in Chromium: a structured body written in the admin, a claim marked across a link,
sourced, published, and read.

The demo editor adds an article and writes its body in the Quill editor with the toolbar and the
keyboard: a subheading, a paragraph with a link inside the sentence that becomes the claim, a bulleted
list and a block quote. After saving, they select the claim's words in the highlighted text, from before
the link to after it, mark them as a claim, cite the council's minutes (the page the link points to) in
the claim's row and press "Save and publish". An anonymous reader then sees each block, the link inside
the claim, and the claim's footnote reference right after its words, pointing at its note. On the way
it checks what an editor would have met: the editor's help text in view, the highlighted text's blocks
styled as a body's (not as the admin's title bars and bare lists), the selection's position hint.
"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from articles import richtext
from articles.demo import USERS, load_demo
from articles.models import Article
from sources.models import Source
from tests.browser.test_body_editor import SELECT_WORDS as SELECT_IN_EDITOR
from tests.browser.test_body_editor import button, wait_for_body
from tests.browser.test_desk_flow import click, submit
from tests.browser.test_marking import SELECT_FROM_TO

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Council passes the budget"
HEADING = "Where the money goes"
SENTENCE = "The council approved the budget on Tuesday after a long debate."
LINKED = "approved the budget"
CLAIM = "council approved the budget on Tuesday"
MINUTES = "https://example.org/council/minutes"
ARCHIVED = "https://web.archive.org/web/20250304120000/https://example.org/council/minutes"
ITEMS = ["More for parks", "Longer library hours"]
QUOTE = "“It is a fair budget,” the mayor said."
BODY_HTML = "\n".join(
    [
        f"<h2>{HEADING}</h2>",
        f'<p>The council <a href="{MINUTES}">{LINKED}</a> on Tuesday after a long debate.</p>',
        "<ul>",
        *(f"<li>{item}</li>" for item in ITEMS),
        "</ul>",
        "<blockquote>",
        f"<p>{QUOTE}</p>",
        "</blockquote>",
    ]
)

HELP_BELOW_EDITOR = """
const editor = document.querySelector('.body-editor .ql-container').getBoundingClientRect();
return document.getElementById('id_body_html_helptext').getBoundingClientRect().top >= editor.bottom;
"""

HIGHLIGHTED_STYLES = """
const body = document.querySelector('[data-marking-body]');
return {
  heading_background: getComputedStyle(body.querySelector('h2')).backgroundColor,
  bullet: getComputedStyle(body.querySelector('ul > li')).listStyleType,
};
"""

# Whether the selection in the highlighted text holds the whole of the body's link.
HOLDS_THE_LINK = """
const range = window.getSelection().getRangeAt(0);
const link = document.querySelector('[data-marking-body] a[href]:not(.mark-ref)');
return range.intersectsNode(link) && range.toString().includes(link.textContent);
"""

# The claim on the reader page: its pieces (one per stretch of text under the same inline elements),
# whether the link holds a piece, and the element right after the last piece with nothing in between.
READ_CLAIM = """
const pieces = [...document.querySelectorAll('.article-body span.claim')];
const last = pieces[pieces.length - 1];
const next = last.nextSibling;
return {
  words: pieces.map((piece) => piece.textContent).join(''),
  first_id: pieces[0].id,
  ids: pieces.filter((piece) => piece.id).length,
  link_holds: pieces.filter((piece) => piece.closest('a[href]')).map((piece) => piece.textContent),
  next_is_ref: next !== null && next.nodeType === Node.ELEMENT_NODE && next.matches('sup.note-ref'),
};
"""


def test_an_editor_writes_a_structured_body_marks_a_claim_across_a_link_and_publishes(
    browser, live_server, login, screenshot
):
    load_demo(with_users=True)
    minutes = Source.objects.create(
        title="Council minutes: budget session",
        kind=Source.Kind.REPORT,
        publisher="City council",
        url=MINUTES,
        archived_url=ARCHIVED,
    )
    login(browser, "editor", USERS["editor"][1])

    # Writing: the title (the slug follows it), the standfirst, and the body with the toolbar and keys.
    browser.get(f"{live_server.url}/admin/articles/article/add/")
    browser.find_element(By.NAME, "title").send_keys(TITLE)
    browser.find_element(By.NAME, "standfirst").send_keys("After a long debate, a budget.")
    editor = browser.find_element(By.CSS_SELECTOR, ".body-editor .ql-editor")
    assert browser.execute_script(HELP_BELOW_EDITOR)  # the field's help is not under the editor
    click(browser, editor)
    click(browser, button(browser, "Subheading"))
    editor.send_keys(HEADING, Keys.ENTER)
    editor.send_keys(SENTENCE)
    assert browser.execute_script(SELECT_IN_EDITOR, LINKED)
    click(browser, button(browser, "Link"))
    browser.find_element(By.CSS_SELECTOR, ".ql-tooltip.ql-editing input[type=text]").send_keys(
        MINUTES, Keys.ENTER
    )
    editor.send_keys(Keys.CONTROL, Keys.END)
    editor.send_keys(Keys.ENTER)
    click(browser, button(browser, "Bulleted list"))
    editor.send_keys(ITEMS[0], Keys.ENTER, ITEMS[1], Keys.ENTER, Keys.ENTER)
    click(browser, button(browser, "Block quote"))
    editor.send_keys(QUOTE)
    wait_for_body(browser, BODY_HTML)
    screenshot(browser, "written")
    submit(browser, browser.find_element(By.NAME, "_continue"))
    assert "was added successfully" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    article = Article.objects.get(title=TITLE)
    assert article.body_html == BODY_HTML
    assert article.body == richtext.projection(BODY_HTML)

    # The highlighted text shows the blocks as the editor does: the subheading is not styled as the
    # admin's title bars, the list keeps its bullets.
    styles = browser.execute_script(HIGHLIGHTED_STYLES)
    assert styles == {"heading_background": "rgba(0, 0, 0, 0)", "bullet": "disc"}, styles

    # Marking: the claim's words selected across the link in the highlighted text.
    assert browser.execute_script(SELECT_FROM_TO, "council", "Tuesday")  # in two text nodes
    assert browser.execute_script(HOLDS_THE_LINK)
    browser.execute_script(
        "document.querySelector('[data-marking-body]').scrollIntoView({block: 'center'})"
    )
    screenshot(browser, "selected-across-the-link")
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-mark=claims]"))
    assert CLAIM in browser.find_element(By.CSS_SELECTOR, ".marking-toolbar [role=status]").text
    assert browser.find_element(By.NAME, "claims-0-exact").get_attribute("value") == CLAIM
    hint = browser.find_element(By.NAME, "claims-0-position_hint").get_attribute("value")
    assert hint == str(article.body.index(CLAIM))
    Select(browser.find_element(By.NAME, "claims-0-kind")).select_by_value("event")

    # Sourcing: the minutes, picked in the row's "Add sources" search (the gate refuses a claim without).
    row = browser.find_element(By.ID, "claims-0")
    click(browser, row.find_element(By.CSS_SELECTOR, ".field-add_sources .select2-selection"))
    search = browser.find_element(By.CSS_SELECTOR, ".select2-container--open .select2-search__field")
    search.send_keys("budget session")
    option = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(
            By.XPATH,
            f"//li[contains(@class, 'select2-results__option')][normalize-space()='{minutes}']",
        )
    )
    option.click()
    chosen = row.find_element(By.CSS_SELECTOR, ".field-add_sources .select2-selection__choice")
    assert minutes.title in chosen.text
    screenshot(browser, "claim-marked-and-sourced")

    # Publishing through the gate, from the action bar.
    submit(browser, browser.find_element(By.NAME, "_publish"))
    messages = browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    assert "is published" in messages, messages
    screenshot(browser, "published")
    article.refresh_from_db()
    assert article.is_published
    claim = article.claims.get()
    assert (claim.exact, claim.start) == (CLAIM, article.body.index(CLAIM))
    assert [c.source for c in claim.citations.all()] == [minutes]

    # Reading, as anyone.
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}{article.get_absolute_url()}")
    body = browser.find_element(By.CSS_SELECTOR, ".article-body")
    assert body.find_element(By.TAG_NAME, "h2").text == HEADING
    items = body.find_elements(By.CSS_SELECTOR, "ul > li")
    assert [item.text for item in items] == ITEMS
    assert body.find_element(By.CSS_SELECTOR, "blockquote > p").text == QUOTE
    link = body.find_element(By.CSS_SELECTOR, "p a[href]")
    assert link.get_attribute("href") == MINUTES
    assert link.text == LINKED
    # The cited source's page: the link says so with its archived copy (Robust Links).
    assert link.get_attribute("rel") == "external"
    assert link.get_attribute("data-versionurl") == ARCHIVED

    read = browser.execute_script(READ_CLAIM)
    assert read["words"] == CLAIM
    assert read["first_id"] == f"claim-{claim.pk}" and read["ids"] == 1
    assert read["link_holds"] == [LINKED]  # the whole link is inside the claim
    assert read["next_is_ref"]  # the reference follows the claim's last word
    reference = body.find_element(By.CSS_SELECTOR, "sup.note-ref a")
    assert reference.text == "1"
    note = browser.find_element(By.CSS_SELECTOR, reference.get_attribute("hash"))
    assert note.find_element(By.XPATH, "ancestor::section").get_attribute("class") == "notes"
    assert minutes.title in note.text
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", body)
    screenshot(browser, "reader")
