import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles import publishing, sourcing
from articles.demo import LINKS, SLUG, demo_body, load_demo
from articles.models import Article, Citation, Claim, Quotation
from articles.rendering import esc
from sources.models import Person, Source

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent():
    load_demo(with_users=True)
    counts = [m.objects.count() for m in (Article, Claim, Quotation, Citation, Person, Source)]
    load_demo(with_users=True)
    assert [m.objects.count() for m in (Article, Claim, Quotation, Citation, Person, Source)] == counts
    assert counts[1] >= 8 and counts[2] >= 4


def test_demo_creates_the_three_role_logins():
    logins = load_demo(with_users=True)["logins"]
    User = get_user_model()
    for username, role in [("editor", "Editor"), ("reporter", "Reporter"), ("factchecker", "Fact-checker")]:
        user = User.objects.get(username=username)
        assert user.is_staff and user.groups.filter(name=role).exists()
        assert user.check_password(logins[username])


def test_load_demo_command_creates_no_logins_when_debug_is_off(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert not get_user_model().objects.exists()
    assert "no demo logins" in capsys.readouterr().out


def test_load_demo_prints_the_logins_for_the_address_it_is_served_on(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo", site="http://127.0.0.1:8101")
    out = capsys.readouterr().out
    assert "Demo logins for http://127.0.0.1:8101/admin/" in out
    assert "http://127.0.0.1:8101/desk/" in out
    assert ":8000" not in out


def test_demo_article_is_refused_for_its_unsourced_claims_then_published(client, capsys):
    load_demo(with_users=False)
    assert client.get(f"/articles/{SLUG}/").status_code == 404

    with pytest.raises(CommandError):
        call_command("publish", SLUG)
    err = capsys.readouterr().err
    assert "several Los Angeles County cities have taken over the prosecution" in err
    assert "did not file special circumstances charges" in err
    assert err.count("has no source") == 2

    source = Source.objects.create(title="Los Angeles Times report", kind=Source.Kind.NEWS_ARTICLE)
    for claim in Claim.objects.needing_source():
        sourcing.cite(claim, [source])
    call_command("publish", SLUG)

    html = client.get(f"/articles/{SLUG}/").content.decode()
    assert 'href="#note-1"' in html and '<li id="note-1">' in html
    assert html.count('<li id="note-') == Claim.objects.count() + Quotation.objects.count()
    assert '<span class="speaker">Patrick Miller</span>' in html
    assert '<span class="speaker">Eric Siddall</span>' in html


def test_sourcing_report_prints_every_claim_with_status_and_sources(capsys):
    load_demo(with_users=False)
    call_command("sourcing_report", SLUG)
    out = capsys.readouterr().out
    assert "9 of 11 claims sourced" in out and "2 block publishing" in out
    assert out.count("[UNSOURCED]") == 2
    assert "← Research on prosecuting children as adults (Southern Poverty Law Center)" in out


def test_demo_body_has_no_scraped_page_furniture():
    article = load_demo(with_users=False)["article"]
    assert "CLICK HERE" not in article.body and "Getty Images" not in article.body
    assert publishing.summarize(article).claims == 11


def test_the_demo_story_links_the_organisations_it_cites_without_moving_its_text():
    article = load_demo(with_users=False)["article"]
    assert article.body == demo_body()  # the links are markup: the text and every anchor are as before
    for words, url in LINKS.items():
        assert f'<a href="{url}">{esc(words)}</a>' in article.body_html
    assert not Claim.objects.filter(article=article, is_orphaned=True).exists()
