"""A fact-checker signs an article's fact-check off, from the desk and from the admin, in Chromium.

The admin shows a fact-checker an article read-only (they may not edit it); its workflow button used to
post the whole change form and get a bare 403. Both ways now move the article to “ready”.
"""

import pytest
from selenium.webdriver.common.by import By

from articles.demo import USERS, load_demo
from articles.models import Article
from tests.browser.test_desk_flow import submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_fact_check():
    article = load_demo(with_users=True)["article"]
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FACT_CHECK)
    return article


def test_factchecker_signs_off_from_the_desk(browser, live_server, login, screenshot, in_fact_check):
    login(browser, "factchecker", USERS["factchecker"][1])
    browser.get(f"{live_server.url}/desk/")
    card = browser.find_element(By.ID, f"sign-off-{in_fact_check.pk}")
    assert in_fact_check.title in card.text
    screenshot(browser, "waiting-for-sign-off")
    card.find_element(By.NAME, "comment").send_keys("All claims checked against the sources.")
    submit(browser, card.find_element(By.XPATH, ".//button[normalize-space()='Fact-check done: ready']"))
    assert "signed off: ready to publish" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    in_fact_check.refresh_from_db()
    assert in_fact_check.status == Article.Status.READY
    transition = in_fact_check.transitions.last()
    assert (transition.actor.username, transition.comment) == (
        "factchecker",
        "All claims checked against the sources.",
    )


def test_factchecker_signs_off_from_the_read_only_admin_page(
    browser, live_server, login, screenshot, in_fact_check
):
    login(browser, "factchecker", USERS["factchecker"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{in_fact_check.pk}/change/")
    button = browser.find_element(By.XPATH, "//button[normalize-space()='Fact-check done: ready']")
    screenshot(browser, "read-only-article-with-sign-off")
    submit(browser, button)
    assert "403" not in browser.title
    assert "is now ready to publish" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    in_fact_check.refresh_from_db()
    assert in_fact_check.status == Article.Status.READY
