"""The application form's guardrails: the chosen scheme's open windows, a warning on a closed or
closing window, the part of the cost no scheme covers, a missing consent (issue 19, part 5)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation

from koers.web.clients.actions import give_consent
from koers.web.clients.models import Traject
from koers.web.training.actions import create_application, save_scheme, save_window
from koers.web.training.models import Application, Scheme, Window
from tests.web.conftest import People

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url_of(name: str, pk: int) -> str:
    with translation.override("en"):
        return reverse(name, args=[pk])


def typed(traject: Traject, *lines: dict[str, object], **values: object) -> dict[str, object]:
    """What the coach typed in the new-application form, with ``lines``, then ``refresh``."""
    data: dict[str, object] = {
        "traject": traject.pk,
        "course_title": "Verzorgende IG",
        "provider": "ROC",
        "cost": "1500",
        "applicant": "adviseur",
        "lines-TOTAL_FORMS": max(len(lines), 2),
        "lines-INITIAL_FORMS": 0,
        **values,
    }
    for index, line in enumerate(lines):
        data.update({f"lines-{index}-{name}": value for name, value in line.items()})
    return data


def window_choices(response: Any, line: int) -> list[str]:
    field = response.context["lines"].forms[line].fields["window"]
    return [str(label) for value, label in field.choices if value]


@pytest.fixture
def fund(people: People) -> Scheme:
    """An O&O fund with a window open now and one that closed last month."""
    found = save_scheme(
        by=people.carla,
        scheme=Scheme(name="Zorgfonds", financier="Fonds Zorg", financier_kind="oo_fonds"),
    )
    for label, opens, closes in (("Open", -10, 60), ("Dicht", -90, -30)):
        save_window(
            by=people.carla,
            window=Window(
                scheme=found,
                label=label,
                opens_on=TODAY + opens * DAY,
                closes_on=TODAY + closes * DAY,
            ),
        )
    return found


def test_it_offers_only_the_chosen_schemes_open_windows(
    people: People, client: Browser, traject: Traject, scheme: Scheme, fund: Scheme
) -> None:
    client.force_login(people.anna)
    url = url_of("training:application_create", traject.client_id)
    response = client.post(
        url, {**typed(traject, {"scheme": fund.pk}, {"asked": ""}), "refresh": "1"}
    )
    assert response.status_code == 200
    assert [label.split(" (")[0] for label in window_choices(response, 0)] == ["Zorgfonds: Open"]
    # A line without a scheme yet offers every scheme's open window, never a closed one.
    assert [label.split(" (")[0] for label in window_choices(response, 1)] == [
        "NL leert door: Najaar",
        "Zorgfonds: Open",
    ]
    assert not Application.objects.exists()


def test_it_refuses_a_window_of_another_scheme_with_a_clear_error(
    people: People, client: Browser, traject: Traject, scheme: Scheme, fund: Scheme
) -> None:
    client.force_login(people.anna)
    najaar = scheme.windows.get()
    response = client.post(
        url_of("training:application_create", traject.client_id),
        typed(traject, {"scheme": fund.pk, "window": najaar.pk, "asked": "500"}),
    )
    assert response.status_code == 200
    assert "window of the chosen scheme" in str(response.context["lines"].forms[0].errors)
    assert response.context["form"]["course_title"].value() == "Verzorgende IG"
    assert not Application.objects.exists()


def test_it_warns_but_saves_when_the_chosen_window_has_closed(
    people: People, client: Browser, traject: Traject, fund: Scheme
) -> None:
    open_window = fund.windows.get(label="Open")
    application = create_application(
        by=people.anna,
        traject=traject,
        values={"course_title": "Verzorgende IG", "provider": "ROC", "cost": Decimal(900)},
        lines=[{"scheme": fund, "window": open_window, "asked": Decimal(900)}],
    )
    open_window.closes_on = TODAY - 2 * DAY
    save_window(by=people.carla, window=open_window)
    client.force_login(people.anna)
    edit = url_of("training:application_edit", application.pk)

    page = client.get(edit)

    assert "Zorgfonds: Open" in window_choices(page, 0)[0]
    closed = page.context["check"].windows
    assert len(closed) == 1 and "closed on" in closed[0]
    assert closed[0] in page.content.decode()
    data = {
        **{
            f"lines-0-{name}": value
            for name, value in (("scheme", fund.pk), ("window", open_window.pk), ("asked", "900"))
        },
        "lines-TOTAL_FORMS": 3,
        "lines-INITIAL_FORMS": 1,
        "course_title": "Verzorgende IG",
        "provider": "ROC",
        "cost": "900",
        "applicant": "adviseur",
        "reference": "OZW-1",
        "version": application.version,
        "original": page.context["form"]["original"].value(),
    }
    assert client.post(edit, data).status_code == 302
    assert Application.objects.get().reference == "OZW-1"


@pytest.mark.parametrize(("closes_in", "warned"), [(5, True), (14, True), (15, False)])
def test_it_warns_when_the_window_closes_within_14_days(
    people: People, client: Browser, traject: Traject, scheme: Scheme, closes_in: int, warned: bool
) -> None:
    window = scheme.windows.get()
    window.closes_on = TODAY + closes_in * DAY
    save_window(by=people.carla, window=window)
    client.force_login(people.anna)
    response = client.post(
        url_of("training:application_create", traject.client_id),
        {
            **typed(traject, {"scheme": scheme.pk, "window": window.pk, "asked": "900"}),
            "refresh": "1",
        },
    )
    warnings = response.context["check"].windows
    assert bool(warnings) is warned
    if warned:
        assert f"in {closes_in} days" in warnings[0]


def test_it_shows_the_part_of_the_cost_no_scheme_covers(
    people: People, client: Browser, traject: Traject, scheme: Scheme, fund: Scheme
) -> None:
    client.force_login(people.anna)
    url = url_of("training:application_create", traject.client_id)
    lines = ({"scheme": scheme.pk, "asked": "900"}, {"scheme": fund.pk, "asked": "250,5"})

    response = client.post(url, {**typed(traject, *lines, cost="1500"), "refresh": "1"})

    check = response.context["check"]
    # An amount that cannot be read ("250,5") covers nothing until it is corrected.
    assert (check.cost, check.covered, check.uncovered) == (
        Decimal(1500),
        Decimal(900),
        Decimal(600),
    )
    assert "Not covered by any scheme: € 600.00" in response.content.decode()
    assert response.context["lines"].forms[1]["asked"].value() == "250,5"
    over = client.post(url, {**typed(traject, *lines[:1], cost="800"), "refresh": "1"})
    assert over.context["check"].uncovered == 0 and over.context["check"].over == Decimal(100)
    assert not Application.objects.exists()


def test_htmx_updates_the_check_and_the_changed_lines_window_choices_only(
    people: People, client: Browser, traject: Traject, scheme: Scheme, fund: Scheme
) -> None:
    client.force_login(people.anna)
    url = url_of("training:application_create", traject.client_id)
    data = {**typed(traject, {"scheme": fund.pk, "asked": "1000"}), "refresh": "1"}
    page = client.get(url).content.decode()
    assert f'hx-post="{url}"' in page and "hx-vals" in page

    scheme_changed = client.post(
        url, data, headers={"HX-Request": "true", "HX-Trigger-Name": "lines-0-scheme"}
    ).content.decode()
    amount_changed = client.post(
        url, data, headers={"HX-Request": "true", "HX-Trigger-Name": "lines-0-asked"}
    ).content.decode()

    assert scheme_changed.lstrip().startswith('<div id="funding-check"')
    assert "€ 500.00" in scheme_changed and "<form" not in scheme_changed
    assert scheme_changed.count('hx-swap-oob="true"') == 1
    assert 'id="lines-0-window-field"' in scheme_changed and "Zorgfonds: Open" in scheme_changed
    # A window chosen since the amount was typed is not swapped away.
    assert "€ 500.00" in amount_changed and "hx-swap-oob" not in amount_changed


@pytest.mark.parametrize(
    ("kind", "recipient"),
    [("oo_fonds", "fonds"), ("uwv", "uwv"), ("gemeente", "gemeente"), ("werkgever", "werkgever")],
)
def test_it_warns_when_the_client_gave_no_consent_to_share_with_the_funder(
    people: People, client: Browser, traject: Traject, fund: Scheme, kind: str, recipient: str
) -> None:
    fund.financier_kind = kind
    fund.save()
    client.force_login(people.anna)
    url = url_of("training:application_create", traject.client_id)
    data = {**typed(traject, {"scheme": fund.pk, "asked": "900"}), "refresh": "1"}
    # Consent to share with someone else does not count.
    other = "opleider" if recipient != "opleider" else "fonds"
    give_consent(by=people.anna, client=traject.client, recipient=other, given_on=TODAY)

    warned = client.post(url, data).context["check"].consents

    assert len(warned) == 1 and "Sandra Bakker has given no consent" in warned[0]
    give_consent(by=people.anna, client=traject.client, recipient=recipient, given_on=TODAY)
    assert client.post(url, data).context["check"].consents == []


def test_it_asks_no_consent_when_the_client_pays(
    people: People, client: Browser, traject: Traject, fund: Scheme
) -> None:
    fund.financier_kind = "particulier"
    fund.save()
    client.force_login(people.anna)
    response = client.post(
        url_of("training:application_create", traject.client_id),
        {**typed(traject, {"scheme": fund.pk, "asked": "900"}), "refresh": "1"},
    )
    assert response.context["check"].consents == []


def test_the_refresh_step_on_a_change_saves_nothing_and_keeps_what_was_typed(
    people: People, client: Browser, traject: Traject, scheme: Scheme
) -> None:
    application = create_application(
        by=people.anna,
        traject=traject,
        values={"course_title": "Excel", "provider": "ROC", "cost": Decimal(900)},
        lines=[],
    )
    client.force_login(people.anna)
    edit = url_of("training:application_edit", application.pk)
    page = client.get(edit)
    data = {
        **typed(traject, {"scheme": scheme.pk, "asked": "400"}, cost="900", reference="NLLD-7"),
        "version": application.version,
        "original": page.context["form"]["original"].value(),
        "study_cost_clause": "on",
        "refresh": "1",
    }

    response = client.post(edit, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound and form["reference"].value() == "NLLD-7"
    assert form["study_cost_clause"].value() is True
    assert response.context["check"].uncovered == Decimal(500)
    saved = Application.objects.get()
    assert (saved.reference, saved.version, saved.lines.count()) == ("", application.version, 0)
    del data["refresh"]
    assert client.post(edit, data).status_code == 302
    assert Application.objects.get().reference == "NLLD-7"
