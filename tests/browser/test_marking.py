"""Marking a claim by selecting its words in the admin, in a real browser."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from articles.demo import USERS, load_demo
from articles.models import Claim
from tests.browser.test_desk_flow import click  # to the middle of the window: clear of the action bar

pytestmark = pytest.mark.django_db(transaction=True)

SELECT_WORDS = """
const [words, occurrence] = arguments;
const body = document.querySelector('[data-marking-body]');
const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
let seen = 0;
while (walker.nextNode()) {
  const node = walker.currentNode;
  let at = node.data.indexOf(words);
  while (at !== -1) {
    if (seen++ === occurrence) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
    at = node.data.indexOf(words, at + 1);
  }
}
return false;
"""

# From the first `first` in the highlighted text to the end of the next `last` after it, which may be
# in a later text node (past a link or a label), as a drag selects.
SELECT_FROM_TO = """
const [first, last] = arguments;
const body = document.querySelector('[data-marking-body]');
const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
const range = document.createRange();
let from = -1;
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (from === -1) {
    from = node.data.indexOf(first);
    if (from === -1) continue;
    range.setStart(node, from);
  }
  const at = node.data.indexOf(last, range.startContainer === node ? from + first.length : 0);
  if (at !== -1) {
    range.setEnd(node, at + last.length);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    return range.startContainer !== range.endContainer;
  }
}
return false;
"""


def test_editor_marks_a_claim_by_selecting_its_words(browser, live_server, login, screenshot):
    article = load_demo(with_users=True)["article"]
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    screenshot(browser, "change-page")

    # "Gascon" occurs many times; select the occurrence in "Gascon's directives have courted controversy".
    target = article.body.index("Gascon's directives have courted controversy")
    occurrence = article.body[:target].count("Gascon's directives")
    assert browser.execute_script(SELECT_WORDS, "Gascon's directives have courted controversy", occurrence)
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-mark=claims]"))
    status = browser.find_element(By.CSS_SELECTOR, ".marking-toolbar [role=status]").text
    assert "Gascon's directives have courted controversy" in status

    new_row = article.claims.count()  # the blank row after the existing claims
    words = browser.find_element(By.NAME, f"claims-{new_row}-exact")
    assert words.get_attribute("value") == "Gascon's directives have courted controversy"
    assert browser.find_element(By.NAME, f"claims-{new_row}-position_hint").get_attribute("value") == str(
        target
    )
    Select(browser.find_element(By.NAME, f"claims-{new_row}-kind")).select_by_value("event")
    screenshot(browser, "claim-row-filled")
    browser.find_element(By.CSS_SELECTOR, "input[name=_continue]").click()
    screenshot(browser, "saved")

    assert "was changed successfully" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    claim = Claim.objects.get(exact="Gascon's directives have courted controversy")
    assert claim.start == target and claim.kind == "event" and not claim.is_orphaned
    marked = browser.find_elements(By.CSS_SELECTOR, "[data-marking-body] mark.is-unsourced")
    assert any("Gascon's directives have courted controversy" in m.text for m in marked)


def test_marking_without_a_selection_says_what_to_do(browser, live_server, login):
    article = load_demo(with_users=True)["article"]
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-mark=quotations]"))
    status = browser.find_element(By.CSS_SELECTOR, ".marking-toolbar [role=status]").text
    assert status == "Select some words in the text first."


def test_the_labels_in_the_text_are_not_words_or_offsets_of_a_selection(browser, live_server, login):
    """The highlighted text writes a label (C1, Q1…) after each item; a selection that starts after one
    and runs over another gets the body's words and offset, not the labels'."""
    article = load_demo(with_users=True)["article"]
    words = (
        "In response, several Los Angeles County cities have taken over the prosecution of misdemeanors "
        "within their borders."
    )
    target = article.body.index(words)
    before = Claim.objects.get(article=article, exact__startswith="defendants who are not prosecuted")
    inside = Claim.objects.get(article=article, exact__startswith="several Los Angeles County cities")
    assert before.end < target < inside.end < target + len(words)  # a label before, one inside
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert browser.execute_script(SELECT_FROM_TO, "In response", ".")
    click(browser, browser.find_element(By.CSS_SELECTOR, "[data-mark=claims]"))

    new_row = article.claims.count()
    assert browser.find_element(By.NAME, f"claims-{new_row}-exact").get_attribute("value") == words
    hint = browser.find_element(By.NAME, f"claims-{new_row}-position_hint").get_attribute("value")
    assert hint == str(target)
