"""The demo article in headless Chromium: phone and desktop screenshots; footnotes jump and back."""

import pytest

from articles import publishing, sourcing
from articles.demo import load_demo
from articles.models import Claim
from sources.models import Source

pytestmark = pytest.mark.django_db(transaction=True)


def publish_demo():
    article = load_demo(with_users=False)["article"]
    report = Source.objects.create(
        title="Cities that prosecute their own misdemeanors",
        kind=Source.Kind.REPORT,
        publisher="Los Angeles Times",
        url="https://example.org/cities-misdemeanors",
        archived_url="https://web.archive.org/web/20220301000000/https://example.org/cities-misdemeanors",
    )
    record = Source.objects.create(
        title="People v. Avan suspect: charging document",
        kind=Source.Kind.COURT_RECORD,
        publisher="Los Angeles County Superior Court",
    )
    unsourced = Claim.objects.filter(article=article).needing_a_source().order_by("start")
    for claim, source in zip(unsourced, (report, record), strict=True):
        sourcing.cite(claim, [source], locator="p. 2")
    return publishing.publish(article)


def phone(driver):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True},
    )


def test_demo_article_on_phone_and_desktop_with_footnotes_that_jump_and_back(
    browser, live_server, screenshot
):
    from selenium.webdriver.common.by import By

    article = publish_demo()
    url = f"{live_server.url}{article.get_absolute_url()}"

    browser.set_window_size(1280, 1000)
    browser.get(url)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("LA District Attorney")
    screenshot(browser, "desktop-top")

    # Hovering a reference shows its source card (CSS only).
    ref = browser.find_element(By.ID, "ref-1")
    preview = ref.find_element(By.XPATH, "../following-sibling::span[@class='source-preview']")
    assert not preview.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", ref)
    ref.send_keys("")  # focus
    browser.execute_script("arguments[0].focus()", ref)
    assert preview.is_displayed()
    screenshot(browser, "desktop-preview-card")

    # The reference jumps to its note, and the note's back link returns to the reference.
    ref.click()
    assert browser.current_url.endswith("#note-1")
    note = browser.find_element(By.ID, "note-1")
    assert browser.execute_script("return document.querySelector(':target').id") == "note-1"
    assert "Research supporting the District Attorney" in note.text
    screenshot(browser, "desktop-note")
    note.find_element(By.CSS_SELECTOR, "a.backref").click()
    assert browser.current_url.endswith("#ref-1")
    assert browser.execute_script("return document.querySelector(':target').id") == "ref-1"
    top = browser.execute_script("return document.getElementById('ref-1').getBoundingClientRect().top")
    assert 0 <= top < browser.execute_script("return window.innerHeight")

    phone(browser)
    browser.get(url)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"
    screenshot(browser, "phone-top")
    browser.execute_script("document.querySelector('.sourcing-box').scrollIntoView()")
    screenshot(browser, "phone-sourcing-box")
    browser.find_element(By.ID, "ref-2").click()
    assert browser.current_url.endswith("#note-2")
    screenshot(browser, "phone-note")
