"""The kapper's routes in the explorer on the full data (issue 18, done when): grouped into
small and big steps, at least three to work that went on in March 2020, no step down."""

from __future__ import annotations

import re

from django.test import Client as Browser

from tests.full_data.conftest import NEEDS_FULL_DATA
from tests.full_data.test_full_dutch_skill_names import (  # noqa: F401 (fixtures)
    SEED_OCCUPATIONS,
    explorer,
    full_data_dir,
)

pytestmark = NEEDS_FULL_DATA


def test_the_kapper_sees_three_routes_to_work_that_went_on(explorer: Browser) -> None:  # noqa: F811
    response = explorer.get(f"/beroep/{SEED_OCCUPATIONS['kapper']}/verder/")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r'<h2 id="group-\w+">([^<]+)</h2>', page) == [
        "Kleine stappen",
        "Grote stappen",
    ]
    steps = [s for group in response.context["groups"] for s in group["steps"]]
    assert sum(1 for s in steps if s["continues"]) >= 3
    assert "kappershulp" not in [s["label"] for s in steps]
    assert page.count("weten we") <= 1
