"""The desk's pace, in Chromium: actions update their card in place, and several items take one action.

A marker set on the page's window survives only if the page was not reloaded.
"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from articles.demo import USERS, load_demo
from articles.models import Claim
from tests.browser.test_desk_flow import MISDEMEANORS, SPECIAL_CIRCUMSTANCES, click, open_panel, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_claims():
    article = load_demo(with_users=True)["article"]
    return (
        Claim.objects.get(article=article, exact__startswith=MISDEMEANORS),
        Claim.objects.get(article=article, exact=SPECIAL_CIRCUMSTANCES),
    )


def card(browser, claim):
    return browser.find_element(By.ID, f"claim-{claim.pk}")


def test_assigning_and_ruling_update_the_card_without_a_reload(
    browser, live_server, login, screenshot, demo_claims
):
    misdemeanors, _ = demo_claims
    login(browser, "factchecker", USERS["factchecker"][1])
    assert browser.current_url == f"{live_server.url}/desk/"
    browser.execute_script("window.samePage = true")

    click(browser, card(browser, misdemeanors).find_element(By.XPATH, ".//button[.='Assign to me']"))
    WebDriverWait(browser, 10).until(lambda b: "Assigned to you" in card(b, misdemeanors).text)
    assert "is yours" in browser.find_element(By.CSS_SELECTOR, "body > .messages").text

    panel = open_panel(browser, card(browser, misdemeanors), "Set the verdict")
    click(browser, panel.find_element(By.CSS_SELECTOR, "input[value='inconclusive']"))
    click(browser, panel.find_element(By.XPATH, ".//button[@type='submit']"))
    # The replaced card's status tag, not the open form's "Inconclusive" label, says the swap is done.
    replaced = f"#claim-{misdemeanors.pk} .tag-status.status-inconclusive"
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, replaced))
    screenshot(browser, "card-updated-in-place")

    assert browser.execute_script("return window.samePage === true")  # never reloaded
    misdemeanors.refresh_from_db()
    assert misdemeanors.assignee.username == "factchecker"
    assert misdemeanors.check_status == "inconclusive"
    focused = browser.switch_to.active_element
    assert focused.get_attribute("id") == f"claim-{misdemeanors.pk}-words"


def test_a_refused_action_shows_its_message_in_the_card_in_place(browser, live_server, login, demo_claims):
    misdemeanors, _ = demo_claims
    login(browser, "factchecker", USERS["factchecker"][1])
    browser.execute_script("window.samePage = true")
    panel = open_panel(browser, card(browser, misdemeanors), "Set the verdict")
    click(browser, panel.find_element(By.CSS_SELECTOR, "input[value='not_claim']"))
    click(browser, panel.find_element(By.XPATH, ".//button[@type='submit']"))  # no reason given
    WebDriverWait(browser, 10).until(lambda b: "a reason is required" in card(b, misdemeanors).text)
    assert browser.execute_script("return window.samePage === true")
    misdemeanors.refresh_from_db()
    assert misdemeanors.check_status == "unstarted"


def test_ticked_items_are_assigned_in_one_go(browser, live_server, login, screenshot, demo_claims):
    login(browser, "factchecker", USERS["factchecker"][1])
    for claim in demo_claims:
        click(browser, card(browser, claim).find_element(By.CSS_SELECTOR, "input.bulk-pick"))
    bulk = browser.find_element(By.ID, "bulk")
    screenshot(browser, "two-items-ticked")
    submit(browser, bulk.find_element(By.XPATH, ".//button[normalize-space()='Apply to the ticked items']"))
    assert "2 items assigned." in browser.find_element(By.CSS_SELECTOR, ".messages").text
    assert {c.assignee.username for c in Claim.objects.filter(pk__in=[c.pk for c in demo_claims])} == {
        "factchecker"
    }
