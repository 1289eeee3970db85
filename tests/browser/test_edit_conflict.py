"""Two tabs on one article, in Chromium: the refused save shows every field the other tab changed.

Tab 1 changes the standfirst and saves; tab 2 changes the standfirst and appends a paragraph. Tab 2's
save is refused with its text kept, and the conflict shows the standfirst as well as the appended
paragraph, marked whole.
"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from articles.demo import USERS, load_demo
from tests.browser.test_desk_flow import click, submit

pytestmark = pytest.mark.django_db(transaction=True)


def replace(element, text):
    element.clear()
    element.send_keys(text)


def test_two_tab_conflict_shows_the_standfirst_and_the_appended_paragraph(
    browser, live_server, login, screenshot
):
    article = load_demo(with_users=True)["article"]
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    login(browser, "editor", USERS["editor"][1])
    browser.get(url)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(url)
    second = browser.current_window_handle

    browser.switch_to.window(first)
    replace(browser.find_element(By.NAME, "standfirst"), "Tab one's standfirst.")
    submit(browser, browser.find_element(By.NAME, "_continue"))
    assert "was changed successfully" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text

    browser.switch_to.window(second)
    replace(browser.find_element(By.NAME, "standfirst"), "Tab two's standfirst.")
    editor = browser.find_element(By.CSS_SELECTOR, ".body-editor .ql-editor")  # Quill, over body_html
    click(browser, editor)
    editor.send_keys(Keys.CONTROL, Keys.END)
    editor.send_keys(Keys.ENTER, "A paragraph added in tab two.")
    submit(browser, browser.find_element(By.NAME, "_continue"))

    conflict = browser.find_element(By.CSS_SELECTOR, "section.conflict")
    screenshot(browser, "conflict")
    headings = [h.text for h in conflict.find_elements(By.TAG_NAME, "h3")]
    assert "Standfirst" in headings and "Body" in headings
    assert "one" in " ".join(d.text for d in conflict.find_elements(By.TAG_NAME, "del"))
    added = conflict.find_element(By.CSS_SELECTOR, "p.diff-added ins")
    assert added.text == "A paragraph added in tab two."
    assert not [i for i in conflict.find_elements(By.TAG_NAME, "ins") if not i.text.strip()]
    # Nothing typed in tab two is lost.
    assert browser.find_element(By.NAME, "standfirst").get_attribute("value") == "Tab two's standfirst."
    assert "A paragraph added in tab two." in browser.find_element(By.NAME, "body_html").get_attribute(
        "value"
    )
    article.refresh_from_db()
    assert article.standfirst == "Tab one's standfirst."
