"""The fact-check desk end to end, in a real browser: source the demo's open claims, publish, read.

The demo fact-checker sources both unsourced claims of `gascon-research` on the desk — one by picking an
existing source from the search-as-you-type list, one by creating a new source in place (after a
refused non-web address) — the demo editor publishes the article from the admin, and an anonymous reader
sees the new citations on the article page.
"""

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

from articles.demo import USERS, load_demo
from articles.models import Article, Claim
from sources.models import Source

pytestmark = pytest.mark.django_db(transaction=True)

MISDEMEANORS = "several Los Angeles County cities have taken over the prosecution of misdemeanors"
SPECIAL_CIRCUMSTANCES = "Gascon's office did not file special circumstances charges against the suspect"
NEW_SOURCE = "Beverly Hills city council minutes: prosecuting misdemeanors locally"


def card_of(browser, claim):
    return browser.find_element(By.ID, f"claim-{claim.pk}")


def click(browser, element):
    """Click like a person would: with the element scrolled into the middle of the window."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def submit(browser, button):
    """Press a submit button and wait for the next page to replace this one.

    The old document is marked and the wait is for a loaded document without the mark. Polling while the
    old one is torn down can get assorted chromedriver errors ("Node with given id does not belong to the
    document"), not only a stale element, so those polls are retried.
    """
    browser.execute_script("window.leavingForNextPage = true")
    click(browser, button)
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script(
            "return document.readyState === 'complete' && !window.leavingForNextPage"
        )
    )


def act(browser, button):
    """Press a button on a desk card: desk.js replaces the card in place; wait for the new one."""
    card = button.find_element(By.XPATH, "ancestor::article[contains(@class, 'card')]")
    click(browser, button)
    WebDriverWait(browser, 10).until(staleness_of(card))


def open_panel(browser, card, title):
    """Open an action on a card. A queue card has no forms: desk.js puts the item's full card in its
    place with the action unfolded, so the panel is found again in the card that replaced it."""
    anchor = card.get_attribute("id")
    click(browser, card.find_element(By.XPATH, f".//summary[normalize-space()='{title}']"))
    panel = f"//article[@id='{anchor}']//details[@open][summary[normalize-space()='{title}']][.//form]"
    return WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.find_element(By.XPATH, panel)
    )


def log_in(browser, live_server, username):
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(USERS[username][1])
    browser.find_element(By.CSS_SELECTOR, "[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "/admin/login/" not in b.current_url)


def message(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, ".messages").text


def test_factchecker_sources_the_open_claims_on_the_desk_and_the_editor_publishes(
    browser, live_server, screenshot
):
    article = load_demo(with_users=True)["article"]
    misdemeanors = Claim.objects.get(article=article, exact__startswith=MISDEMEANORS)
    special = Claim.objects.get(article=article, exact=SPECIAL_CIRCUMSTANCES)
    interview = Source.objects.get(title="Patrick Miller, interviewed by Fox News")

    # The fact-checker lands on the desk on logging in and sees the two open claims.
    log_in(browser, live_server, "factchecker")
    assert browser.current_url == f"{live_server.url}/desk/"
    cards = browser.find_elements(By.CSS_SELECTOR, "article.card")
    assert [c.get_attribute("id") for c in cards] == [f"claim-{misdemeanors.pk}", f"claim-{special.pk}"]
    assert "need a source" in browser.find_element(By.CSS_SELECTOR, ".counts").text
    screenshot(browser, "desk-with-two-open-claims")

    # Claim 1: pick an existing source from the search-as-you-type list.
    panel = open_panel(browser, card_of(browser, special), "Attach a source")
    find = panel.find_element(By.NAME, "find")
    find.send_keys(str(interview))  # the label the list offers
    chosen = panel.find_element(By.CSS_SELECTOR, "input[name=source]")
    WebDriverWait(browser, 5).until(lambda _: chosen.get_attribute("value") == str(interview.pk))
    options = panel.find_elements(By.CSS_SELECTOR, "datalist option")
    assert str(interview) in [o.get_attribute("value") for o in options]
    panel.find_element(By.NAME, "locator").send_keys("interview quoted in the article")
    screenshot(browser, "picking-an-existing-source")
    act(browser, panel.find_element(By.XPATH, ".//button[normalize-space()='Attach']"))
    assert f"now cites {interview}" in message(browser)
    assert interview.title in card_of(browser, special).find_element(By.CSS_SELECTOR, ".citations").text
    browser.get(f"{live_server.url}/desk/")  # sourced, it has left the queue
    assert [c.get_attribute("id") for c in browser.find_elements(By.CSS_SELECTOR, "article.card")] == [
        f"claim-{misdemeanors.pk}"
    ]
    screenshot(browser, "first-claim-sourced")

    # Claim 2: create a new source in place; a non-web address is refused first, nothing saved.
    panel = open_panel(browser, card_of(browser, misdemeanors), "Create a new source")
    panel.find_element(By.NAME, "title").send_keys(NEW_SOURCE)
    Select(panel.find_element(By.NAME, "kind")).select_by_value("statement")
    panel.find_element(By.NAME, "publisher").send_keys("City of Beverly Hills")
    panel.find_element(By.NAME, "url").send_keys("ftp://example.org/minutes.pdf")
    act(browser, panel.find_element(By.XPATH, ".//button[normalize-space()='Create and cite']"))
    assert "Nothing was saved" in message(browser)
    errors = browser.find_element(By.CSS_SELECTOR, "details[open] .errorlist").text
    assert errors == "Enter a web address that starts with http:// or https://."
    assert not Source.objects.filter(title=NEW_SOURCE).exists()
    screenshot(browser, "non-web-address-refused")

    url = browser.find_element(By.CSS_SELECTOR, "details[open] input[name=url]")
    assert (
        browser.find_element(By.CSS_SELECTOR, "details[open] input[name=title]").get_attribute("value")
        == NEW_SOURCE
    )  # what was typed is kept
    url.clear()
    url.send_keys("https://example.org/council/minutes.pdf")
    browser.find_element(By.CSS_SELECTOR, "details[open] input[name=locator]").send_keys("item 7")
    act(
        browser,
        browser.find_element(By.XPATH, "//details[@open]//button[normalize-space()='Create and cite']"),
    )
    assert "to the library" in message(browser)
    browser.get(f"{live_server.url}/desk/")
    assert "Nothing needs checking" in browser.find_element(By.ID, "results").text
    screenshot(browser, "queue-empty")

    # The history of a sourced claim shows who cited what.
    browser.get(f"{live_server.url}/desk/claim/{misdemeanors.pk}/")
    history = browser.find_element(By.CSS_SELECTOR, ".history").text
    assert f"Cited “{NEW_SOURCE}” (item 7)" in history
    screenshot(browser, "claim-history")

    # The editor publishes from the admin.
    browser.delete_all_cookies()
    log_in(browser, live_server, "editor")
    browser.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    submit(browser, browser.find_element(By.NAME, "_publish"))
    assert "is published" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    screenshot(browser, "published-by-the-editor")
    assert Article.objects.get(pk=article.pk).is_published

    # An anonymous reader sees the new citations.
    browser.delete_all_cookies()
    browser.get(f"{live_server.url}/articles/gascon-research/")
    notes = browser.find_element(By.CSS_SELECTOR, ".notes").text
    assert NEW_SOURCE in notes and "item 7" in notes
    assert "Patrick Miller, interviewed by Fox News" in notes
    for words in (MISDEMEANORS, SPECIAL_CIRCUMSTANCES):
        claim = browser.find_element(
            By.XPATH, f"//span[contains(@class, 'claim')][contains(., \"{words}\")]"
        )
        assert claim.find_element(By.XPATH, "following-sibling::sup[1]/a").get_attribute("href")
    browser.execute_script("document.querySelector('.notes').scrollIntoView()")
    screenshot(browser, "reader-sees-the-citations")
