"""axe-core, run in headless Chromium, finds no serious or critical problems on the reader pages.

axe-core comes from npm, pinned in tests/reader/package-lock.json: install it with
`npm ci --prefix tests/reader`. Skipped with that instruction where it is missing.
"""

from pathlib import Path

import pytest

from tests.browser.test_reader_article import publish_demo

AXE = Path(__file__).resolve().parents[1] / "reader" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.django_db(transaction=True)


def axe_violations(driver, url):
    driver.get(url)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(done, e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_reader_pages_have_no_serious_or_critical_axe_violations(browser, live_server):
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `npm ci --prefix tests/reader`")
    from pages.models import Page

    # Transactional tests flush the rows data migrations made; put the page back if it is gone.
    Page.objects.get_or_create(
        slug="corrections-policy", defaults={"title": "Corrections", "body": "We fix."}
    )
    article = publish_demo()
    content = article.live_revision.content
    speaker = content["quotations"][0]["speaker"]
    source = content["claims"][0]["citations"][0]["source"]
    urls = [
        article.get_absolute_url(),
        "/",
        f"/people/{speaker}/",
        f"/sources/{source}/",
        "/search/?q=Gascon",
        "/about/corrections-policy/",
    ]
    browser.set_script_timeout(30)
    problems = {url: axe_violations(browser, live_server.url + url) for url in urls}
    assert problems == dict.fromkeys(urls, [])
