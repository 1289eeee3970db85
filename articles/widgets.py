"""The article body's editor: a textarea holding the body's HTML, which Quill edits when scripts run.

Progressive: the textarea is the field, posted as it is, so without scripts an editor writes the HTML
(the allowed subset of `articles.richtext`) by hand. With scripts, `body_editor.js` hides it, mounts
Quill beside it with a toolbar limited to that subset, and writes the editor's HTML back into it on
every change; the server canonicalises whatever arrives with `richtext.sanitise`. Its toolbar inserts
figures: an image of the library, picked from the list at `data-image-library` (the image admin's
`library/`), and an embedded post by its address.

Quill is vendored under `static/articles/vendor/quill/` (no CDN), pinned by `articles/editor/
package-lock.json`; `tests/articles/test_body_editor.py` checks the committed files are npm's.
"""

from django import forms
from django.urls import NoReverseMatch, reverse

QUILL = "articles/vendor/quill/"


class RichTextBody(forms.Textarea):
    """The structured body's textarea, marked for `body_editor.js` to mount Quill on."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "cols": 80, "data-rich-text-body": True, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            library = reverse("admin:articles_image_library")
        except NoReverseMatch:  # a site without the admin: figures are then inserted as HTML
            library = None
        if library:
            context["widget"]["attrs"].setdefault("data-image-library", library)
        return context

    class Media:
        css = {
            "all": [
                QUILL + "quill.snow.css",
                "articles/admin/body_editor.css",
                "articles/admin/body_figures.css",
            ]
        }
        js = [QUILL + "quill.js", "articles/admin/body_editor.js"]
