"""What editors and fact-checkers met when they first used the product, each checked in Chromium.

One test per finding of the users' trial not covered by its own file (sign-off: test_sign_off.py;
conflicts: test_edit_conflict.py; layout: test_staff_layout.py; the desk's pace: test_desk_in_place.py).
"""

import datetime

import pytest
from selenium.webdriver.common.by import By

from articles import publishing
from articles.demo import USERS, load_demo
from articles.models import Article, ArticleRevision, Transition
from tests.browser.test_desk_flow import submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo(with_users=True)["article"]


def button(browser, label):
    return browser.find_element(By.XPATH, f"//button[normalize-space()='{label}']")


def change_page(live_server, article) -> str:
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def test_times_on_the_article_page_are_all_in_the_sites_time_zone(browser, live_server, login, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    article = load_demo(with_users=True)["article"]
    article.claims.all().delete()
    article.quotations.all().delete()
    publishing.publish(article)
    moment = datetime.datetime(2026, 12, 2, 23, 51, tzinfo=datetime.UTC)
    ArticleRevision.objects.filter(article=article).update(created_at=moment)
    Transition.objects.filter(article=article).update(at=moment)
    Article.objects.filter(pk=article.pk).update(published_at=moment)
    login(browser, "editor", USERS["editor"][1])
    browser.get(change_page(live_server, article))
    text = browser.find_element(By.ID, "content").text
    assert "2 Dec 2026 15:51 PST" in text
    assert "23:51" not in text


def test_saving_twice_and_moving_make_no_empty_revisions(browser, live_server, login, demo):
    login(browser, "editor", USERS["editor"][1])
    for _ in range(2):
        browser.get(change_page(live_server, demo))
        submit(browser, browser.find_element(By.NAME, "_continue"))
    submit(browser, button(browser, "Save and submit for review"))
    assert "is now in review" in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    assert demo.revisions.count() == 1  # the demo's own; nothing was changed since
    assert "suggestion" not in browser.find_element(By.CSS_SELECTOR, ".messagelist").text


def test_imported_byline_address_and_date_fill_the_article(browser, live_server, login, tmp_path):
    load_demo(with_users=True)
    story = tmp_path / "budget.txt"
    story.write_text(
        "Council approves $2.4 billion budget\nByline: Dana Ortiz\n"
        "Source-URL: https://example.org/news/budget\nPublished: 2024-03-05\n\n"
        "The council approved the budget on Tuesday.\n"
    )
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/suggestion/import/")
    browser.find_element(By.NAME, "files").send_keys(str(story))
    submit(browser, browser.find_element(By.CSS_SELECTOR, "input[type=submit][value='Import']"))
    article = Article.objects.get(slug="council-approves-2-4-billion-budget")
    browser.get(change_page(live_server, article))
    assert "dana-ortiz" in browser.find_element(By.CSS_SELECTOR, "#bylines-group .field-user").text
    assert [a.get_full_name() for a in article.authors.all()] == ["Dana Ortiz"]
    assert browser.find_element(By.NAME, "original_url").get_attribute("value") == (
        "https://example.org/news/budget"
    )
    assert browser.find_element(By.NAME, "original_published_on").get_attribute("value") == "2024-03-05"


def test_the_small_things(browser, live_server, login, demo, settings):
    settings.TIME_ZONE = "America/Los_Angeles"  # the browser runs in UTC: Django's offset note shows
    login(browser, "editor", USERS["editor"][1])
    # The article list counts quotations with claims.
    browser.get(f"{live_server.url}/admin/articles/article/")
    sourced = browser.find_element(By.CSS_SELECTOR, "#result_list .field-sourcing span")
    assert "quotations" in sourced.get_attribute("title")
    # One offset note at most, not one per quotation row.
    browser.get(change_page(live_server, demo))
    notes = [n for n in browser.find_elements(By.CSS_SELECTOR, ".timezonewarning") if n.is_displayed()]
    assert len(notes) <= 1
    # A move says the new state as a sentence.
    submit(browser, button(browser, "Save and submit for review"))
    submit(browser, button(browser, "Save and send to fact-check"))
    assert "is now in fact-check." in browser.find_element(By.CSS_SELECTOR, ".messagelist").text
    # The desk counts one item in the singular.
    claim = demo.claims.filter(num_citations=0).first()
    browser.get(f"{live_server.url}/desk/?q={claim.exact.split()[0]}+{claim.exact.split()[1]}")
    assert "1 item matches these filters" in browser.find_element(By.ID, "results").text
    # A refusal says why and offers a way back.
    browser.delete_all_cookies()
    login(browser, "reporter", USERS["reporter"][1])
    browser.get(f"{live_server.url}/admin/articles/claim/{claim.pk}/delete/")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "You may not do this" in page and "The admin" in page
