"""A page with nothing but the body editor's widget, for tests/browser/test_body_editor.py: the site's
URLs plus /body-editor/, a form whose one field is a structured body. GET shows it; POST answers with
what the textarea posted, sanitised, as text."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from articles import richtext
from articles.widgets import RichTextBody
from newsroom.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Body editor</title>{{ form.media }}</head>
<body>
<main>
<h1>Body editor</h1>
<form method="post">{% csrf_token %}
<div class="form-row">{{ form.body_html.label_tag }}{{ form.body_html }}</div>
<button type="submit">Save</button>
</form>
</main>
</body>
</html>"""
)


class BodyForm(forms.Form):
    body_html = forms.CharField(label="Body", widget=RichTextBody())


def body_editor(request):
    if request.method == "POST":
        form = BodyForm(request.POST)
        posted = richtext.sanitise(form.data.get("body_html", ""))
        return HttpResponse(posted, content_type="text/plain; charset=utf-8")
    initial = request.GET.get("initial", "")
    return HttpResponse(PAGE.render({"form": BodyForm(initial={"body_html": initial})}, request))


urlpatterns = [path("body-editor/", body_editor), *site_urlpatterns]
