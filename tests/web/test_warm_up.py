"""After ``warm_up`` (run by ``koers serve`` before the workers fork), a worker's first visit to
a page compiles no template and imports nothing: the work was done once, in the master."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.wsgi import get_wsgi_application
from django.template.autoreload import reset_loaders
from django.template.base import Template
from django.test import Client as Browser

from koers.web.warm_up import warm_up
from tests.web.conftest import People, make_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates compiled while the test runs."""
    names: list[str] = []
    compile_nodelist = Template.compile_nodelist

    def counting(template: Template) -> Any:
        names.append(template.name or "")
        return compile_nodelist(template)

    monkeypatch.setattr(Template, "compile_nodelist", counting)
    yield names


def test_warm_up_reads_every_template_of_the_pages(people: People) -> None:
    assert warm_up() > 100


def test_a_page_after_warm_up_compiles_and_imports_nothing(
    people: People, compiled: list[str]
) -> None:
    client = make_client(people.anna, first_name="Sandra")
    reset_loaders()  # forget the templates earlier tests compiled
    warm_up()
    get_wsgi_application()  # as gunicorn's preload does: the middleware, loaded in the master
    compiled.clear()
    browser = Browser()
    browser.force_login(people.anna)
    modules = set(sys.modules)
    for path in ("/clienten/", f"/clienten/{client.pk}/", f"/clienten/{client.pk}/plan/"):
        assert browser.get(path).status_code == 200
        assert browser.get(f"/en{path}").status_code == 200
    assert Browser().get("/").status_code == 200
    assert compiled == []
    assert sorted(set(sys.modules) - modules) == []
