"""Property-based tests: any file either imports as a draft with anchored suggestions or is refused
with a coded message, and a refused file leaves nothing behind."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Suggestion
from intake import importing

# Text shaped like news copy (headline, headers, paragraphs, quotes) and raw bytes alike.
words = st.sampled_from(
    ["The", "council", "said", "Mayor", "Jane", "Doe", '"', "“", "”", "'", "12", "percent", ",", ".", "\n"]
)
news = st.lists(words, max_size=80).map(" ".join)
files = st.one_of(
    st.builds(lambda h, b: f"{h}\nByline: A. Writer\n\n{b}\n\n{b}".encode(), news, news),
    news.map(str.encode),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
)


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=files)
def test_any_file_imports_cleanly_or_is_refused_leaving_nothing(editor, data):
    before = (Article.objects.count(), Suggestion.objects.count())

    result = importing.import_file(data, name="upload.txt", user=editor, title="Fallback title")

    if result.error is not None:
        assert result.error.error_list[0].code
        assert (Article.objects.count(), Suggestion.objects.count()) == before
        return
    article = result.article
    assert article.pk and article.status == Article.Status.DRAFT and article.body.strip()
    for suggestion in Suggestion.objects.filter(article=article):
        assert article.body[suggestion.start : suggestion.end] == suggestion.exact
