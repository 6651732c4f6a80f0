"""Two people edit one record: saving the conflict page unchanged never reverts the colleague.

Anna opens a form; Bram saves the same record; Anna then saves. She gets the conflict page
with both versions of each field Bram changed; the form holds Bram's value wherever Anna left
a field alone, and hers wherever she changed it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse

from koers.web.clients import actions
from koers.web.clients.models import Client, Traject
from koers.web.training.models import Application, Scheme
from tests.web.conftest import People, make_client
from tests.web.test_training_pages import apply, filled

pytestmark = pytest.mark.django_db


def posted_back(response: Any, **changes: object) -> dict[str, object]:
    """What a browser posts back from the page's form, then ``changes``."""
    data: dict[str, object] = {}
    for bound in response.context["form"]:
        value = bound.value()
        if value is True:
            data[bound.html_name] = "on"
        elif value is not None and value is not False and value != "":
            data[bound.html_name] = value
    data.update(changes)
    return data


def test_saving_the_client_conflict_page_unchanged_keeps_the_colleagues_fields(
    people: People, client: Browser
) -> None:
    petra = make_client(people.anna, urgency="medium", employer="Bakkerij Jansen")
    url = reverse("clients:edit", args=[petra.pk])
    client.force_login(people.anna)
    opened = client.get(url)
    actions.update_client(
        by=people.bram,
        client=petra,
        version=petra.version,
        values={"phone": "06 99999999", "call_times": ["ochtend"], "urgency": "high"},
    )
    # Anna changes the situation and the urgency; she leaves the phone alone.
    conflict = client.post(url, posted_back(opened, situation="lost_job", urgency="low"))
    assert conflict.status_code == 409
    shown = {f.label: f for f in conflict.context["conflict"].fields}
    assert set(shown) == {"Telefoon", "Belmomenten", "Urgentie"}
    assert (shown["Telefoon"].yours, shown["Telefoon"].theirs) == ("06 12345678", "06 99999999")
    assert not shown["Telefoon"].kept_yours and shown["Urgentie"].kept_yours
    page = conflict.content.decode()
    assert "06 99999999" in page and "06 12345678" in page
    petra.refresh_from_db()
    assert (petra.situation, petra.urgency) == ("at_risk", "high")

    again = client.post(url, posted_back(conflict))

    assert again.status_code == 302
    petra.refresh_from_db()
    assert (petra.phone, petra.call_times) == ("06 99999999", ["ochtend"])
    assert (petra.situation, petra.urgency) == ("lost_job", "low")
    assert petra.employer == "Bakkerij Jansen"


def test_a_field_changed_on_the_conflict_page_wins(people: People, client: Browser) -> None:
    petra = make_client(people.anna)
    url = reverse("clients:edit", args=[petra.pk])
    client.force_login(people.anna)
    opened = client.get(url)
    actions.update_client(
        by=people.bram, client=petra, version=petra.version, values={"phone": "06 99999999"}
    )
    conflict = client.post(url, posted_back(opened, notes="Belt terug na de vakantie"))
    assert conflict.status_code == 409
    assert client.post(url, posted_back(conflict, phone="06 11111111")).status_code == 302
    petra.refresh_from_db()
    assert (petra.phone, petra.notes) == ("06 11111111", "Belt terug na de vakantie")


def test_without_the_original_values_the_saved_ones_are_kept(
    people: People, client: Browser
) -> None:
    """A form that does not carry what the editor started from cannot tell her changes apart."""
    petra = make_client(people.anna)
    url = reverse("clients:edit", args=[petra.pk])
    client.force_login(people.anna)
    form = posted_back(client.get(url), original="tampered")
    actions.update_client(
        by=people.bram, client=petra, version=petra.version, values={"phone": "06 99999999"}
    )
    conflict = client.post(url, form)
    assert conflict.status_code == 409
    assert [f.kept_yours for f in conflict.context["conflict"].fields] == [False]
    assert client.post(url, posted_back(conflict)).status_code == 302
    assert Client.objects.get(pk=petra.pk).phone == "06 99999999"


def test_the_traject_conflict_page_keeps_the_colleagues_fields(
    people: People, client: Browser, traject: Traject
) -> None:
    url = reverse("clients:traject_edit", args=[traject.client_id, traject.pk])
    client.force_login(people.anna)
    opened = client.get(url)
    actions.update_traject(
        by=people.bram, traject=traject, version=traject.version, values={"order_number": "PO-77"}
    )
    conflict = client.post(url, posted_back(opened, budget="2500"))
    assert conflict.status_code == 409
    assert client.post(url, posted_back(conflict)).status_code == 302
    traject.refresh_from_db()
    assert (traject.order_number, traject.budget) == ("PO-77", Decimal(2500))


def test_the_application_conflict_page_keeps_the_colleagues_fields(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme)
    url = reverse("training:application_edit", args=[application.pk])
    client.force_login(people.anna)
    opened = client.get(url)
    bram = Browser()
    bram.force_login(people.bram)
    assert bram.post(url, filled(bram.get(url), provider="ROC Oost")).status_code == 302
    conflict = client.post(url, filled(opened, reference="NLD-7"))
    assert conflict.status_code == 409
    assert client.post(url, filled(conflict)).status_code == 302
    application = Application.objects.get()
    assert (application.provider, application.reference) == ("ROC Oost", "NLD-7")


def test_the_colleagues_funding_lines_are_kept_unless_the_editor_changed_them(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = apply(people, traject, scheme)
    url = reverse("training:application_edit", args=[application.pk])
    client.force_login(people.anna)
    opened = client.get(url)
    bram = Browser()
    bram.force_login(people.bram)
    assert bram.post(url, filled(bram.get(url), **{"lines-0-asked": "750"})).status_code == 302
    conflict = client.post(url, filled(opened, reference="NLD-7"))
    assert conflict.status_code == 409
    shown = {f.label: f for f in conflict.context["conflict"].fields}
    assert "750" in shown["Financieringsregels"].theirs
    assert not shown["Financieringsregels"].kept_yours
    assert client.post(url, filled(conflict)).status_code == 302
    application = Application.objects.get()
    assert application.reference == "NLD-7"
    assert [line.asked for line in application.lines.all()] == [Decimal(750)]
