"""Figures in the body editor (body_editor.js) in headless Chromium: an image picked from the library
and a post embedded by its address are inserted from the toolbar, reach the textarea in richtext's
canonical form, come back into the editor as figures, and show on the reader page once published."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from articles import richtext
from articles.demo import USERS, load_demo
from articles.models import Image
from tests.browser.test_body_editor import (
    AXE,
    RECORD_CSP_VIOLATIONS,
    SELECT_WORDS,
    button,
    csp_violations,
    open_editor,
    posted,
    wait_for_body,
)
from tests.browser.test_desk_flow import click, submit
from tests.browser.test_reader_accessibility import axe_violations
from tests.browser.test_reader_article import publish_demo

pytestmark = [pytest.mark.django_db(transaction=True)]

EDITOR_PAGE = "tests.browser.body_editor_urls"  # a page with only the body's widget
POST = "https://social.example/@council/112233"


def png(name="ward.png"):
    buffer = io.BytesIO()
    Pillow.new("RGB", (1200, 800), (10, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def library(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ward = Image.objects.create(file=png(), alt="A map of ward 3", caption="Ward 3", credit="Map: Desk")
    mayor = Image.objects.create(file=png("mayor.png"), alt="The mayor at the lectern", caption="The mayor")
    return ward, mayor


def figure_label(browser, index=0) -> str:
    labels = browser.find_elements(By.CSS_SELECTOR, ".ql-editor figure .body-figure-label")
    return labels[index].text if len(labels) > index else ""


def choose_image(browser, search: str, alt: str) -> None:
    click(browser, button(browser, "Image from the library"))
    dialog = browser.find_element(By.CSS_SELECTOR, "dialog.body-figure-dialog[open]")
    field = dialog.find_element(By.CSS_SELECTOR, "input[type=search]")
    field.send_keys(search, Keys.ENTER)
    options = "return [...document.querySelectorAll('dialog[open] option')].map((o) => o.text)"
    WebDriverWait(browser, 5).until(
        lambda d: (found := d.execute_script(options)) and all(search in text.lower() for text in found)
    )
    option = next(o for o in dialog.find_elements(By.TAG_NAME, "option") if o.text.startswith(alt))
    option.click()
    dialog.find_element(By.XPATH, ".//button[.='Insert']").click()


def embed_post(browser, address: str) -> None:
    click(browser, button(browser, "Embedded post"))
    dialog = browser.find_element(By.CSS_SELECTOR, "dialog.body-figure-dialog[open]")
    dialog.find_element(By.CSS_SELECTOR, "input[type=url]").send_keys(address)
    dialog.find_element(By.XPATH, ".//button[.='Insert']").click()


@pytest.mark.urls(EDITOR_PAGE)
def test_figures_are_inserted_from_the_toolbar_and_round_trip(
    browser, live_server, login, library, screenshot, django_user_model
):
    ward, mayor = library
    staff = django_user_model.objects.create_superuser("chief", "chief@example.org", "pass-word-1")
    login(browser, staff.username, "pass-word-1")
    initial = f'<p>First paragraph.</p>\n<figure data-image="{ward.pk}"></figure>\n<p>Second paragraph.</p>'
    open_editor(browser, live_server, initial)

    # A figure already in the body is shown as its image, and the textarea keeps the body as it was.
    WebDriverWait(browser, 5).until(lambda d: figure_label(d) == "Image: A map of ward 3 (Ward 3)")
    assert posted(browser) == initial

    assert browser.execute_script(SELECT_WORDS, "Second")
    browser.execute_script(
        "const q = Quill.find(document.querySelector('.body-editor .ql-container'));"
        "q.setSelection(q.getLength() - 1, 0);"
    )
    choose_image(browser, "mayor", "The mayor at the lectern")
    embed_post(browser, POST)
    screenshot(browser, "inserted")

    expected = "\n".join(
        [
            "<p>First paragraph.</p>",
            f'<figure data-image="{ward.pk}"></figure>',
            "<p>Second paragraph.</p>",
            f'<figure data-image="{mayor.pk}"></figure>',
            f'<figure data-embed="{POST}"></figure>',
        ]
    )
    wait_for_body(browser, expected)
    assert richtext.sanitise(expected) == expected
    assert figure_label(browser, 2) == f"Embedded post: {POST}"
    assert csp_violations(browser) == []

    # An address that is not a web address is refused in the dialog, which says why.
    click(browser, button(browser, "Embedded post"))
    dialog = browser.find_element(By.CSS_SELECTOR, "dialog.body-figure-dialog[open]")
    dialog.find_element(By.CSS_SELECTOR, "input[type=url]").send_keys("javascript:alert(1)")
    dialog.find_element(By.XPATH, ".//button[.='Insert']").click()
    assert dialog.get_attribute("open") is not None
    dialog.find_element(By.XPATH, ".//button[.='Cancel']").click()
    assert posted(browser) == expected

    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert browser.find_element(By.TAG_NAME, "pre").text == expected  # posted, sanitised by the server


@pytest.mark.urls(EDITOR_PAGE)
def test_the_image_picker_has_no_serious_axe_violations(
    browser, live_server, login, library, django_user_model
):
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `npm ci --prefix tests/reader`")
    staff = django_user_model.objects.create_superuser("chief", "chief@example.org", "pass-word-1")
    login(browser, staff.username, "pass-word-1")
    editor = open_editor(browser, live_server, "<p>Words</p>")
    click(browser, editor)
    click(browser, button(browser, "Image from the library"))
    dialog = browser.find_element(By.CSS_SELECTOR, "dialog.body-figure-dialog[open]")
    WebDriverWait(browser, 5).until(lambda d: len(dialog.find_elements(By.TAG_NAME, "option")) == 2)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(30)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document.querySelector('dialog[open]'), {resultTypes: ['violations']})"
        ".then(done, e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)  # Escape closes it
    WebDriverWait(browser, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    assert browser.switch_to.active_element == editor
    assert posted(browser) == "<p>Words</p>"


def test_an_editor_places_an_image_and_a_post_in_the_admin_and_readers_see_them(
    browser, live_server, login, library
):
    ward, _ = library
    load_demo(with_users=True)
    article = publish_demo()
    before = {claim.pk: (claim.start, claim.end) for claim in article.claims.all()}
    original = article.body_html
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CSP_VIOLATIONS})
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor = browser.find_element(By.CSS_SELECTOR, ".body-editor .ql-editor")

    click(browser, editor)
    editor.send_keys(Keys.CONTROL, Keys.HOME)  # before the first paragraph
    choose_image(browser, "ward", "A map of ward 3")
    embed_post(browser, POST)
    expected = f'<figure data-image="{ward.pk}"></figure>\n<figure data-embed="{POST}"></figure>\n'
    wait_for_body(browser, expected + original)
    assert csp_violations(browser) == []
    submit(browser, browser.find_element(By.CSS_SELECTOR, "input[name=_publish]"))

    article.refresh_from_db()
    assert article.live_revision.body_html == expected + original
    assert {claim.pk: (claim.start, claim.end) for claim in article.claims.all()} == before

    browser.get(live_server.url + article.get_absolute_url())
    body = browser.find_element(By.CSS_SELECTOR, ".article-body")
    image = body.find_element(By.CSS_SELECTOR, "figure.image img")
    assert image.get_attribute("alt") == "A map of ward 3"
    caption = body.find_element(By.CSS_SELECTOR, "figure.image figcaption")
    assert caption.get_attribute("textContent") == "Ward 3 Map: Desk"  # the credit is set in capitals
    link = body.find_element(By.CSS_SELECTOR, "figure.embed a")
    assert link.get_attribute("href") == POST and link.text == "View the post on social.example"
    assert not body.find_elements(By.TAG_NAME, "iframe") and not body.find_elements(By.TAG_NAME, "script")
    assert csp_violations(browser) == []
    if AXE.exists():
        browser.set_script_timeout(30)
        assert axe_violations(browser, live_server.url + article.get_absolute_url()) == []
