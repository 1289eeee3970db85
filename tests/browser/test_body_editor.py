"""The body editor (articles/widgets.py RichTextBody, body_editor.js) in headless Chromium.

It mounts Quill over the body's textarea; what an editor writes with the toolbar, and what they paste,
reaches the textarea as the allowed subset in richtext.sanitise's canonical form, under the site's CSP.
Most tests use a page with only the widget (tests/browser/body_editor_urls.py); the last one writes in
the admin's article page and saves.
"""

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from articles import richtext
from articles.demo import USERS, load_demo
from tests.browser.test_desk_flow import click, submit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.browser.body_editor_urls")]

AXE = Path(__file__).resolve().parents[1] / "reader" / "node_modules" / "axe-core" / "axe.min.js"

# Run before any page script: collects what the Content Security Policy blocks.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

PASTE = """
const [html, text] = arguments;
const editor = document.querySelector('.ql-editor');
editor.focus();
const data = new DataTransfer();
data.setData('text/html', html);
data.setData('text/plain', text);
editor.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
"""

SELECT_WORDS = """
const [words] = arguments;
const editor = document.querySelector('.ql-editor');
const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const at = walker.currentNode.data.indexOf(words);
  if (at !== -1) {
    const range = document.createRange();
    range.setStart(walker.currentNode, at);
    range.setEnd(walker.currentNode, at + words.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return true;
  }
}
return false;
"""


def open_editor(browser, live_server, initial=""):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CSP_VIOLATIONS})
    browser.get(f"{live_server.url}/body-editor/?initial={quote(initial)}")
    return browser.find_element(By.CSS_SELECTOR, ".body-editor .ql-editor")


def posted(browser) -> str:
    return browser.find_element(By.NAME, "body_html").get_attribute("value")


def wait_for_body(browser, expected: str) -> None:
    try:
        WebDriverWait(browser, 5).until(lambda d: posted(d) == expected)
    except Exception:
        assert posted(browser) == expected  # shows the difference
        raise


def button(browser, name: str):
    return browser.find_element(By.CSS_SELECTOR, f".ql-toolbar button[aria-label='{name}']")


def csp_violations(browser) -> list[str]:
    return browser.execute_script("return window.cspViolations")


def test_the_editor_mounts_over_the_textarea_labelled_and_holding_the_body(
    browser, live_server, screenshot
):
    body = "<h2>Council votes</h2>\n<p>The <strong>council</strong> met.</p>"
    editor = open_editor(browser, live_server, body)
    screenshot(browser, "mounted")

    textarea = browser.find_element(By.NAME, "body_html")
    assert not textarea.is_displayed() and textarea.get_attribute("required") is None
    assert posted(browser) == body  # untouched: the textarea posts what the server gave
    assert (
        editor.get_attribute("innerHTML")
        == "<h2>Council votes</h2><p>The <strong>council</strong> met.</p>"
    )
    assert editor.get_attribute("role") == "textbox" and editor.get_attribute("aria-multiline") == "true"
    assert editor.get_attribute("aria-required") == "true"
    label = browser.find_element(By.ID, editor.get_attribute("aria-labelledby"))
    assert label.tag_name == "label" and label.text.startswith("Body")

    toolbar = browser.find_element(By.CSS_SELECTOR, ".ql-toolbar")
    assert toolbar.get_attribute("role") == "toolbar"
    names = [b.get_attribute("aria-label") for b in toolbar.find_elements(By.TAG_NAME, "button")]
    assert names == [
        "Subheading",
        "Minor subheading",
        "Bold",
        "Italic",
        "Link",
        "Numbered list",
        "Bulleted list",
        "Block quote",
        "Image from the library",
        "Embedded post",
    ]
    label.click()  # the label focuses the editor, as it would the textarea
    assert browser.switch_to.active_element == editor
    assert csp_violations(browser) == []


def test_writing_with_the_toolbar_gives_the_subset_in_canonical_form(browser, live_server, screenshot):
    editor = open_editor(browser, live_server)
    editor.click()
    button(browser, "Subheading").click()
    editor.send_keys("Council votes", Keys.ENTER)
    editor.send_keys('The "full" council voted')
    editor.send_keys(Keys.CONTROL, "b")  # keys are released at the end of each send_keys
    editor.send_keys(" twice")
    editor.send_keys(Keys.CONTROL, "b")
    editor.send_keys(" on Tuesday & Wednesday's.")

    assert browser.execute_script(SELECT_WORDS, "voted")
    button(browser, "Link").click()
    link_box = browser.find_element(By.CSS_SELECTOR, ".ql-tooltip.ql-editing input[type=text]")
    assert link_box.get_attribute("aria-label") == "Link address"
    link_box.send_keys("example.org/votes", Keys.ENTER)  # without a scheme: https:// is added

    editor.send_keys(Keys.CONTROL, Keys.END)
    editor.send_keys(Keys.ENTER)
    button(browser, "Bulleted list").click()
    editor.send_keys("First  item", Keys.ENTER, "Second item", Keys.ENTER, Keys.ENTER)
    button(browser, "Block quote").click()
    editor.send_keys("“We will appeal,” she said.", Keys.ENTER, "Nothing more.")
    screenshot(browser, "written")

    expected = "\n".join(
        [
            "<h2>Council votes</h2>",
            '<p>The &#34;full&#34; council <a href="https://example.org/votes">voted</a>'
            "<strong> twice</strong> on Tuesday &amp; Wednesday&#39;s.</p>",
            "<ul>",
            "<li>First item</li>",
            "<li>Second item</li>",
            "</ul>",
            "<blockquote>",
            "<p>“We will appeal,” she said.</p>",
            "<p>Nothing more.</p>",
            "</blockquote>",
        ]
    )
    wait_for_body(browser, expected)
    assert richtext.sanitise(expected) == expected  # already canonical: the server changes nothing
    assert csp_violations(browser) == []

    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert browser.find_element(By.TAG_NAME, "pre").text == expected  # posted, sanitised by the server


def test_the_keyboard_reaches_the_toolbar_and_leaves_the_editor(browser, live_server):
    editor = open_editor(browser, live_server, "<p>Words</p>")
    editor.click()
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.SHIFT, Keys.TAB)  # back to the toolbar: one tab stop, on its first button
    assert browser.switch_to.active_element.get_attribute("aria-label") == "Subheading"
    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    bold = browser.switch_to.active_element
    assert bold.get_attribute("aria-label") == "Bold"
    bold.send_keys(Keys.ENTER)
    wait_for_body(browser, "<p><strong>Words</strong></p>")
    assert bold.get_attribute("aria-pressed") == "true"

    editor.click()
    editor.send_keys(Keys.TAB)  # Tab leaves the editor (Quill would have inserted a tab)
    assert browser.switch_to.active_element.get_attribute("type") == "submit"
    assert posted(browser) == "<p><strong>Words</strong></p>"


HOSTILE = (
    '<p>Plain <b>bold</b> <i>slanted</i> <span style="color:red;font-size:32px">styled</span> <u>under</u>'
    '<script>window.pasted = 1</script><img src="x" onerror="window.pasted = 2"></p>'
    "<h1>Big title</h1><h4>Small title</h4>"
    '<p style="text-align:center"><a href="javascript:window.pasted = 3">bad link</a> '
    '<a href="https://example.org/" onclick="window.pasted = 4" style="color:red">good link</a></p>'
    "<style>p { color: red }</style><ul><li>one</li></ul>"
)
HOSTILE_KEPT = """<p>Plain <strong>bold</strong> <em>slanted</em> styled under</p>
<h2>Big title</h2>
<h3>Small title</h3>
<p>bad link <a href="https://example.org/">good link</a></p>
<ul>
<li>one</li>
</ul>"""

GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b3c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-family:Arial;'
    'color:#000000;font-weight:700">Docs bold</span><span style="font-size:11pt;font-weight:400;'
    'font-style:italic"> and italic</span><span style="font-weight:400"> text</span></p></b>'
)
GOOGLE_DOCS_KEPT = "<p><strong>Docs bold</strong><em> and italic</em> text</p>"

# Word's clipboard: lists are paragraphs styled mso-list (Quill's msWord normaliser makes them lists,
# building the items in the page's own document: the image in one must not load and run its onerror).
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><style><!-- @list l0:level1 {mso-level-number-format:bullet;} --></style></head>
<body lang=EN-GB>
<p class=MsoNormal><b><span style='font-size:14.0pt'>Word says</span></b><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Apples<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Pears<img src="x"
onerror="window.pasted = 5"><o:p></o:p></p>
<p class=MsoNormal>After <i>the</i>
list<o:p></o:p></p>
</body></html>"""
WORD_KEPT = """<p><strong>Word says</strong></p>
<ul>
<li>Apples</li>
<li>Pears</li>
</ul>
<p>After <em>the</em> list</p>"""


@pytest.mark.parametrize(
    ("html", "expected"),
    [(HOSTILE, HOSTILE_KEPT), (GOOGLE_DOCS, GOOGLE_DOCS_KEPT), (WORD, WORD_KEPT)],
    ids=["hostile", "google-docs", "word"],
)
def test_a_paste_keeps_only_the_subset(browser, live_server, html, expected):
    open_editor(browser, live_server)
    browser.execute_script(PASTE, html, "plain text")
    wait_for_body(browser, expected)
    assert richtext.sanitise(expected) == expected
    assert browser.execute_script("return window.pasted") is None  # nothing pasted ran
    assert "window.pasted" not in browser.find_element(By.CSS_SELECTOR, ".ql-editor").text


def test_quill_needs_no_inline_style_or_script_from_the_csp(browser, live_server, settings):
    """The site allows inline style attributes; Quill would work without: it sets styles through the
    CSSOM (tooltip position), which no style-src governs, and has no inline script or eval."""
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], **{"style-src": ["'self'"]})
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives}
    editor = open_editor(browser, live_server, "<p>One two</p>")
    editor.click()
    editor.send_keys(Keys.END, " three")
    assert browser.execute_script(SELECT_WORDS, "two")
    button(browser, "Link").click()
    browser.find_element(By.CSS_SELECTOR, ".ql-tooltip input[type=text]").send_keys(
        "https://example.org/", Keys.ENTER
    )
    wait_for_body(browser, '<p>One <a href="https://example.org/">two</a> three</p>')
    assert csp_violations(browser) == []


def test_the_editor_has_no_serious_axe_violations(browser, live_server):
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `npm ci --prefix tests/reader`")
    editor = open_editor(
        browser, live_server, "<h2>Heading</h2><p>Some <a href='https://example.org/'>words</a></p>"
    )
    editor.click()
    assert browser.execute_script(SELECT_WORDS, "Some")
    button(browser, "Link").click()  # the link box, open
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(30)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document.querySelector('.body-editor'), {resultTypes: ['violations']})"
        ".then(done, e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    serious = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], json.dumps(serious, indent=1)


def test_an_editor_writes_a_subheading_in_the_admin_and_saves(browser, live_server, login):
    article = load_demo(with_users=True)["article"]
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CSP_VIOLATIONS})
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = browser.find_element(By.CSS_SELECTOR, ".body-editor .ql-editor")
    assert browser.find_element(By.ID, editor.get_attribute("aria-labelledby")).text.startswith("Body")
    assert posted(browser) == article.body_html

    click(browser, editor)
    editor.send_keys(Keys.CONTROL, Keys.HOME)
    editor.send_keys("Research and reaction", Keys.ENTER)
    editor.send_keys(Keys.ARROW_UP)
    click(browser, button(browser, "Subheading"))
    expected = "<h2>Research and reaction</h2>\n" + article.body_html
    wait_for_body(browser, expected)
    assert csp_violations(browser) == []
    submit(browser, browser.find_element(By.CSS_SELECTOR, "input[name=_continue]"))

    assert "was changed successfully" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    article.refresh_from_db()
    assert article.body_html == expected
    assert article.body.startswith("Research and reaction\n\nThe office of Los Angeles")
    assert not any(claim.is_orphaned for claim in article.claims.all())  # re-anchored past the heading
