"""The article body's editor: a textarea holding the body's HTML, which Quill edits when scripts run.

Progressive: the textarea is the field, posted as it is, so without scripts an editor writes the HTML
(the allowed subset of `articles.richtext`) by hand. With scripts, `body_editor.js` hides it, mounts
Quill beside it with a toolbar limited to that subset, and writes the editor's HTML back into it on
every change; the server canonicalises whatever arrives with `richtext.sanitise`.

Quill is vendored under `static/articles/vendor/quill/` (no CDN), pinned by `articles/editor/
package-lock.json`; `tests/articles/test_body_editor.py` checks the committed files are npm's.
"""

from django import forms

QUILL = "articles/vendor/quill/"


class RichTextBody(forms.Textarea):
    """The structured body's textarea, marked for `body_editor.js` to mount Quill on."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "cols": 80, "data-rich-text-body": True, **(attrs or {})})

    class Media:
        css = {"all": [QUILL + "quill.snow.css", "articles/admin/body_editor.css"]}
        js = [QUILL + "quill.js", "articles/admin/body_editor.js"]
