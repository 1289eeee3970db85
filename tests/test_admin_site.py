"""The admin site: the app list is built where a page shows it, and only there."""

import pytest
from django.contrib.admin import AdminSite

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_lists_built(monkeypatch):
    built = []
    build = AdminSite._build_app_dict

    def counting(site, request, label=None):
        built.append(label)
        return build(site, request, label)

    monkeypatch.setattr(AdminSite, "_build_app_dict", counting)
    return built


def test_the_index_builds_the_app_list_once_and_shows_it(editor_client, app_lists_built):
    html = editor_client.get("/admin/").content.decode()
    assert app_lists_built == [None]
    assert 'href="/admin/articles/article/"' in html and 'href="/admin/sources/source/"' in html


def test_an_app_index_shows_its_own_models(editor_client, app_lists_built):
    html = editor_client.get("/admin/sources/").content.decode()
    assert app_lists_built == ["sources"]
    assert 'href="/admin/sources/source/"' in html and "/admin/articles/article/" not in html


@pytest.mark.parametrize("url", ["/admin/articles/article/", "/admin/password_change/"])
def test_other_admin_pages_do_not_build_the_app_list_nobody_sees(editor_client, app_lists_built, url):
    assert editor_client.get(url).status_code == 200
    assert app_lists_built == []
