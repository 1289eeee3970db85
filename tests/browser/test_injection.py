"""Script injected into every field people type into never runs, on any page (headless Chromium).

The page's own Content-Security-Policy would block inline scripts even if escaping failed, so the test
looks at the DOM itself: no script element, event-handler attribute or javascript: link made from the
payload may exist — escaping is what is under test, the CSP is the second line.
"""

import pytest
from django.core.exceptions import ValidationError
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from articles import anchoring, publishing, sourcing
from articles.demo import USERS, load_demo
from articles.models import Article, Citation, Claim, Correction, Quotation, Section, Tag
from articles.rendering import esc
from sources.models import Person, Source

pytestmark = pytest.mark.django_db(transaction=True)

PAYLOAD = "<script>window.__xss=1</script>\"'><img src=x onerror=window.__xss=1>"
LINK = '<a href="javascript:window.__xss=1">x</a><svg onload=window.__xss=1>'
LONG = PAYLOAD + LINK  # for fields without a short length limit

FOUND_INJECTED = """
const hits = [];
// JSON-LD is data, not code; had the payload broken out of it, a separate script would show up here.
for (const s of document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')) {
  if (s.textContent.includes('__xss')) hits.push('script');
}
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    if (attr.name.startsWith('on') && attr.value.includes('__xss')) hits.push(el.tagName + '@' + attr.name);
  }
}
for (const a of document.querySelectorAll('a[href], [src], form[action]')) {
  const url = (a.getAttribute('href') || a.getAttribute('src') || a.getAttribute('action') || '').trim();
  if (url.toLowerCase().startsWith('javascript:')) hits.push(a.tagName + ' javascript: url');
}
if (window.__xss) hits.push('window.__xss set');
return hits;
"""


def inject_everywhere():
    """Put the payload into every text a person can write, then publish the article."""
    article = load_demo(with_users=True)["article"]
    section = Section.objects.create(name=f"News {PAYLOAD}", slug="news", description=LONG)
    tag = Tag.objects.create(name=f"Tag {PAYLOAD}", slug="tag")
    article.title = f"Headline {PAYLOAD}"
    article.standfirst = LONG
    article.editorial_note = LONG
    # As text typed in the editor: the payload is words of the body, escaped in its stored form.
    article.body_html += f"\n<p>{esc(f'A claim with {LONG} inside it.')}</p>"
    article.section = section
    article.save()
    article.tags.add(tag)
    article.authors.first().__class__.objects.filter(username="reporter").update(
        first_name=PAYLOAD, last_name="Reporter"
    )
    anchoring.reanchor_article(article)

    source = Source.objects.create(
        title=f"Source {PAYLOAD}", kind="report", publisher=PAYLOAD, notes=LONG, url="https://example.org/"
    )
    person = Person.objects.get(name="Patrick Miller")
    person.role = PAYLOAD
    person.organisation = PAYLOAD
    person.save()
    claim = Claim(article=article, kind="other", note=LONG, desk_note=LONG, verdict_reason=LONG)
    anchoring.apply(claim, anchoring.require(article.body, f"A claim with {LONG} inside it."))
    claim.save()
    sourcing.cite(claim, [source], locator=PAYLOAD, passage=LONG)
    Citation.objects.filter(claim=claim).update(note=LONG)
    for unsourced in Claim.objects.needing_source():
        sourcing.cite(unsourced, [source])
    Quotation.objects.filter(article=article).update(desk_note=LONG)
    publishing.publish(article)
    Correction.objects.create(article=article, text=LONG)
    return article, claim, source, person, section


def test_a_source_url_cannot_be_a_javascript_url():
    source = Source(title="x", kind="report", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        source.full_clean()


def test_injected_script_runs_on_no_page(browser, live_server, login, screenshot):
    article, claim, source, person, section = inject_everywhere()
    reader_pages = [
        "/",
        article.get_absolute_url(),
        f"/people/{person.pk}/",
        f"/sources/{source.pk}/",
        f"/sections/{section.slug}/",
        "/tags/tag/",
        "/search/?q=claim",
        f"/search/?q={PAYLOAD}",
    ]
    staff_pages = [
        f"/preview/{article.pk}/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/",
        f"/admin/articles/claim/{claim.pk}/change/",
        "/admin/articles/claim/",
        f"/admin/sources/source/{source.pk}/change/",
        "/admin/sources/source/",
        f"/admin/sources/person/{person.pk}/change/",
        "/desk/",
        f"/desk/claim/{claim.pk}/",
    ]
    checked = []
    for pages in (reader_pages, staff_pages):
        for path in pages:
            browser.get(f"{live_server.url}{path}")
            try:
                browser.switch_to.alert.dismiss()
                pytest.fail(f"an alert opened on {path}")
            except NoAlertPresentException:
                pass
            assert browser.execute_script(FOUND_INJECTED) == [], path
            assert "Server Error" not in browser.title, path
            checked.append(path)
        if pages is reader_pages:
            screenshot(browser, "reader-search")
            login(browser, "editor", USERS["editor"][1])
    screenshot(browser, "desk-item")
    assert len(checked) == len(reader_pages) + len(staff_pages)
    # The payload is shown as text, not dropped: readers see exactly what was typed.
    browser.get(f"{live_server.url}{article.get_absolute_url()}")
    assert "<script>window.__xss=1</script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert Article.objects.get(pk=article.pk).is_published
