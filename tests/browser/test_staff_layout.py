"""The staff pages fit a 1280 px window: no horizontal scroll, screenshots kept in test-output/.

The article change page, the claim page behind “Fix it”, the suggestion list and the desk, on the demo
newsroom, as the role that works each of them.
"""

import pytest
from selenium.webdriver.common.by import By

from articles.demo import USERS, load_demo
from articles.models import Claim
from intake import suggesting

pytestmark = pytest.mark.django_db(transaction=True)


def overflow(browser) -> str:
    """What sticks out of the window, for the failure message; empty when nothing does."""
    return browser.execute_script(
        """
        const width = window.innerWidth;
        // A table scrolled inside its own box hides columns as surely as a page that scrolls.
        const inner = [...document.querySelectorAll('.results, .tabular, .module')]
            .filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => e.className + ' scrolls inside: ' + e.scrollWidth + ' > ' + e.clientWidth);
        if (inner.length) return inner.join('; ');
        if (document.documentElement.scrollWidth <= width) return "";
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
                      + ' right=' + Math.round(e.getBoundingClientRect().right));
        const scrolled = document.documentElement.scrollWidth;
        return 'scrollWidth ' + scrolled + ' > ' + width + ': ' + wide.join(', ');
        """
    )


@pytest.fixture
def demo():
    result = load_demo(with_users=True)
    suggesting.suggest(result["article"])
    return result["article"]


@pytest.mark.parametrize(
    ("name", "username", "path"),
    [
        pytest.param(name, username, path, id=name)
        for name, username, path in (
            ("article-change-page", "editor", "/admin/articles/article/{article}/change/"),
            ("claim-page", "editor", "/admin/articles/claim/{claim}/change/"),
            ("suggestion-list", "editor", "/admin/articles/suggestion/"),
            ("article-list", "editor", "/admin/articles/article/"),
            ("desk", "factchecker", "/desk/"),
        )
    ],
)
def test_staff_page_fits_1280_pixels(browser, live_server, login, screenshot, demo, name, username, path):
    claim = Claim.objects.filter(article=demo).order_by("start").first()
    browser.set_window_size(1280, 1000)
    login(browser, username, USERS[username][1])
    browser.get(live_server.url + path.format(article=demo.pk, claim=claim.pk))
    assert browser.find_element(By.TAG_NAME, "h1")
    assert browser.execute_script("return window.innerWidth") <= 1280
    screenshot(browser, name)
    assert not overflow(browser), overflow(browser)


def test_article_actions_stay_in_view_and_tools_do_not_cover_the_title(browser, live_server, login, demo):
    browser.set_window_size(1280, 900)
    login(browser, "editor", USERS["editor"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{demo.pk}/change/")
    in_view = """
        const r = document.querySelector(arguments[0]).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
    """
    assert browser.execute_script(in_view, ".sticky-actions input[name='_save']")
    assert browser.execute_script(in_view, ".sticky-actions input[name='_publish']")
    overlaps = browser.execute_script(
        """
        const title = document.querySelector('#content h2').getBoundingClientRect();
        return [...document.querySelectorAll('.object-tools li')].some(li => {
            const r = li.getBoundingClientRect();
            return r.left < title.right && r.right > title.left
                && r.top < title.bottom && r.bottom > title.top;
        });
        """
    )
    assert not overlaps


def test_factchecker_is_not_offered_suggestions(browser, live_server, login, demo):
    login(browser, "factchecker", USERS["factchecker"][1])
    browser.get(f"{live_server.url}/admin/articles/article/{demo.pk}/change/")
    assert demo.title in browser.find_element(By.ID, "content").text  # the article's page, not a refusal
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Suggest quotes and claims']")
