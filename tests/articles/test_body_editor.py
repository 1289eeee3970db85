"""The body editor's widget (articles/widgets.py) and the Quill it loads, vendored without a CDN.

Quill comes from npm, pinned by articles/editor/package-lock.json; the files the browser needs are
committed under articles/static/articles/vendor/quill/ so `make run` needs no npm. They must be npm's
byte for byte: `npm ci --prefix articles/editor` installs npm's copy (the comparison skips, naming that
command, where it is missing; CI installs it). The editor itself: tests/browser/test_body_editor.py.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.contrib.staticfiles import finders
from django.core.management import call_command

from articles.widgets import RichTextBody

ROOT = Path(__file__).resolve().parents[2]
EDITOR = ROOT / "articles" / "editor"
VENDOR = ROOT / "articles" / "static" / "articles" / "vendor" / "quill"
NODE_QUILL = EDITOR / "node_modules" / "quill"
# Each committed file and where npm's package has it.
VENDORED = {
    "quill.js": "dist/quill.js",
    "quill.js.map": "dist/quill.js.map",
    "quill.js.LICENSE.txt": "dist/quill.js.LICENSE.txt",
    "quill.snow.css": "dist/quill.snow.css",
    "quill.snow.css.map": "dist/quill.snow.css.map",
    "LICENSE": "LICENSE",
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


class BodyForm(forms.Form):
    body_html = forms.CharField(widget=RichTextBody())


def test_the_widget_is_a_textarea_marked_for_the_editor_holding_the_html():
    html = str(
        BodyForm(initial={"body_html": '<p>Fish &amp; <a href="https://x.org/">chips</a></p>'})["body_html"]
    )
    [(tag, attrs)] = tags(html)
    assert tag == "textarea"
    assert attrs["name"] == "body_html" and attrs["id"] == "id_body_html"
    assert "data-rich-text-body" in attrs and "required" in attrs  # body_editor.js lifts `required`
    assert (attrs["rows"], attrs["cols"]) == ("20", "80")
    # The HTML is the textarea's text, escaped: without scripts it is what an editor edits and posts.
    assert (
        "&lt;p&gt;Fish &amp;amp; &lt;a href=&quot;https://x.org/&quot;&gt;chips&lt;/a&gt;&lt;/p&gt;" in html
    )


def test_the_widget_says_where_the_image_library_is():
    [(_, attrs)] = tags(RichTextBody().render("body_html", ""))
    assert attrs["data-image-library"] == "/admin/articles/image/library/"


def test_attributes_given_to_the_widget_join_its_own():
    html = RichTextBody(attrs={"rows": 30, "class": "vLargeTextField"}).render("body_html", "")
    [(_, attrs)] = tags(html)
    assert attrs["rows"] == "30" and attrs["class"] == "vLargeTextField" and "data-rich-text-body" in attrs


def test_its_media_is_the_vendored_quill_then_the_script_that_mounts_it():
    media = RichTextBody().media
    scripts = [attrs["src"] for tag, attrs in tags(str(media)) if tag == "script"]
    styles = [attrs["href"] for tag, attrs in tags(str(media)) if tag == "link"]
    assert scripts == ["/static/articles/vendor/quill/quill.js", "/static/articles/admin/body_editor.js"]
    assert styles == [
        "/static/articles/vendor/quill/quill.snow.css",
        "/static/articles/admin/body_editor.css",
        "/static/articles/admin/body_figures.css",
    ]
    for path in media._js + media._css["all"]:
        assert finders.find(path), f"{path} is not a static file"


def test_the_lock_file_pins_quill_exactly_and_the_committed_copy_is_that_version():
    package = json.loads((EDITOR / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((EDITOR / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["quill"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "an exact version, not a range"
    locked = lock["packages"]["node_modules/quill"]
    assert locked["version"] == pinned and locked["integrity"].startswith("sha512-")
    assert lock["packages"][""]["devDependencies"] == package["devDependencies"]
    assert f"Quill Editor v{pinned}" in (VENDOR / "quill.js.LICENSE.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in VENDOR.iterdir()) == sorted([*VENDORED, "THIRD-PARTY-NOTICES.txt"])


def test_the_committed_files_are_npms_byte_for_byte():
    if not NODE_QUILL.exists():
        pytest.skip("needs Quill from npm: run `npm ci --prefix articles/editor`")
    pinned = json.loads((EDITOR / "package.json").read_text(encoding="utf-8"))["devDependencies"]["quill"]
    assert json.loads((NODE_QUILL / "package.json").read_text(encoding="utf-8"))["version"] == pinned
    differing = [
        name
        for name, source in VENDORED.items()
        if (VENDOR / name).read_bytes() != (NODE_QUILL / source).read_bytes()
    ]
    assert differing == [], "copy them again from articles/editor/node_modules/quill (see README)"


def test_collectstatic_for_production_finds_every_file_the_vendored_files_name(tmp_path, settings):
    """The manifest storage rewrites each sourceMappingURL and url() to the hashed name, and fails on a
    file that is not there: the maps are committed for that."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text(encoding="utf-8"))["paths"]
    for name in ("quill.js", "quill.snow.css"):
        hashed = (tmp_path / manifest[f"articles/vendor/quill/{name}"]).read_text(encoding="utf-8")
        hashed_map = Path(manifest[f"articles/vendor/quill/{name}.map"]).name
        assert f"sourceMappingURL={hashed_map}" in hashed


def test_the_licenses_of_everything_quill_bundles_ship_with_it():
    lock = json.loads((EDITOR / "package-lock.json").read_text(encoding="utf-8"))
    notices = (VENDOR / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    bundled = {
        path.removeprefix("node_modules/"): entry["version"]
        for path, entry in lock["packages"].items()
        if path.startswith("node_modules/") and path != "node_modules/quill"
    }
    assert bundled  # the lock names Quill's dependencies
    missing = [
        f"{name} {version}" for name, version in bundled.items() if f"\n{name} {version}\n" not in notices
    ]
    assert missing == []
