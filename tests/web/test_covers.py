"""Waarneming: a team lead arranges who covers for an absent coach in the team."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.accounts.actions import arrange_cover, end_cover
from koers.web.accounts.models import Cover
from koers.web.accounts.queries import covered_coach_ids
from koers.web.audit.models import AuditAction, AuditEvent
from tests.web.conftest import People


def days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def test_a_team_lead_sees_the_covers_of_the_team(client: Client, people: People) -> None:
    client.force_login(people.bram)
    response = client.get(reverse("accounts:covers"))
    assert response.status_code == 200
    assert [(c.coach, c.substitute) for c in response.context["covers"]] == [
        (people.eva, people.anna)
    ]
    choices = list(response.context["form"].fields["coach"].queryset)
    assert people.anna in choices and people.dirk not in choices


def test_a_team_lead_arranges_a_cover(client: Client, people: People) -> None:
    client.force_login(people.bram)
    response = client.post(
        reverse("accounts:covers"),
        {
            "coach": people.anna.pk,
            "substitute": people.eva.pk,
            "starts": days(7),
            "ends": days(21),
        },
    )
    assert response["Location"] == reverse("accounts:covers")
    cover = Cover.objects.get(coach=people.anna)
    assert (cover.substitute, cover.created_by) == (people.eva, people.bram)
    event = AuditEvent.objects.get(action=AuditAction.COVER_CREATED)
    assert event.actor == people.bram
    assert event.target == f"cover:{cover.pk}"
    assert event.fields == ["coach", "ends", "starts", "substitute"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts": days(5), "ends": days(4)}, "ends"),
        ({"substitute": "anna"}, "substitute"),
        ({"substitute": "dirk"}, "substitute"),
    ],
)
def test_it_refuses_a_cover_that_makes_no_sense(
    client: Client, people: People, change: dict[str, str], field: str
) -> None:
    client.force_login(people.bram)
    form: dict[str, object] = {
        "coach": people.anna.pk,
        "substitute": people.eva.pk,
        "starts": days(0),
        "ends": days(3),
    }
    for key, value in change.items():
        form[key] = getattr(people, value).pk if key == "substitute" else value
    response = client.post(reverse("accounts:covers"), form)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Cover.objects.filter(coach=people.anna).exists()


@pytest.mark.parametrize("persona", ["anna", "eva", "dirk"])
def test_coaches_cannot_arrange_covers(client: Client, people: People, persona: str) -> None:
    client.force_login(getattr(people, persona))
    assert client.get(reverse("accounts:covers")).status_code == 404


def test_an_admin_may_arrange_covers_too(client: Client, people: People) -> None:
    client.force_login(people.carla)
    response = client.post(
        reverse("accounts:covers"),
        {"coach": people.dirk.pk, "substitute": people.bram.pk, "starts": days(1), "ends": days(2)},
    )
    assert response["Location"] == reverse("accounts:covers")
    assert Cover.objects.filter(coach=people.dirk, substitute=people.bram).exists()


def test_the_action_keeps_a_team_lead_inside_the_team(people: People) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        arrange_cover(
            by=people.bram, coach=people.dirk, substitute=people.anna, starts=today, ends=today
        )
    assert "coach" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        arrange_cover(
            by=people.anna, coach=people.eva, substitute=people.anna, starts=today, ends=today
        )
    assert not AuditEvent.objects.filter(action=AuditAction.COVER_CREATED).exists()


def test_it_refuses_a_cover_longer_than_the_maximum(client: Client, people: People) -> None:
    client.force_login(people.bram)
    response = client.post(
        reverse("accounts:covers"),
        {
            "coach": people.anna.pk,
            "substitute": people.eva.pk,
            "starts": days(0),
            "ends": "2099-12-31",
        },
    )
    assert response.status_code == 200
    assert "92" in response.context["form"].errors["ends"][0]
    assert not Cover.objects.filter(coach=people.anna).exists()


def test_the_maximum_is_a_setting(people: People, settings: Settings) -> None:
    settings.KOERS_MAX_COVER_DAYS = 10
    today = timezone.localdate()
    arrange_cover(
        by=people.bram,
        coach=people.anna,
        substitute=people.eva,
        starts=today,
        ends=today + datetime.timedelta(days=10),
    )
    with pytest.raises(ValidationError) as error:
        arrange_cover(
            by=people.bram,
            coach=people.anna,
            substitute=people.eva,
            starts=today,
            ends=today + datetime.timedelta(days=11),
        )
    assert "ends" in error.value.message_dict


def test_a_team_lead_ends_a_running_cover_now(client: Client, people: People) -> None:
    cover = Cover.objects.get(substitute=people.anna)
    today = timezone.localdate()
    assert covered_coach_ids(people.anna, today=today) == {people.eva.pk}
    client.force_login(people.bram)
    page = client.get(reverse("accounts:covers")).content.decode()
    assert reverse("accounts:end_cover", args=[cover.pk]) in page
    response = client.post(reverse("accounts:end_cover", args=[cover.pk]))
    assert response["Location"] == reverse("accounts:covers")
    cover.refresh_from_db()
    assert cover.ends == today - datetime.timedelta(days=1)
    assert covered_coach_ids(people.anna, today=today) == set()
    event = AuditEvent.objects.get(action=AuditAction.COVER_ENDED)
    assert (event.actor, event.target, event.fields) == (people.bram, f"cover:{cover.pk}", ["ends"])
    # An ended cover has no button any more.
    page = client.get(reverse("accounts:covers")).content.decode()
    assert reverse("accounts:end_cover", args=[cover.pk]) not in page


def test_a_planned_cover_ended_before_it_starts_is_withdrawn(people: People) -> None:
    today = timezone.localdate()
    cover = arrange_cover(
        by=people.bram,
        coach=people.anna,
        substitute=people.eva,
        starts=today + datetime.timedelta(days=3),
        ends=today + datetime.timedelta(days=10),
    )
    pk = cover.pk
    assert end_cover(by=people.carla, cover=cover) is None
    assert not Cover.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.COVER_ENDED)
    assert (event.actor, event.target) == (people.carla, f"cover:{pk}")


@pytest.mark.parametrize("persona", ["anna", "eva", "dirk"])
def test_only_the_team_lead_or_an_admin_ends_a_cover(
    client: Client, people: People, persona: str
) -> None:
    cover = Cover.objects.get(substitute=people.anna)
    client.force_login(getattr(people, persona))
    assert client.post(reverse("accounts:end_cover", args=[cover.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        end_cover(by=getattr(people, persona), cover=cover)
    cover.refresh_from_db()
    assert cover.ends > timezone.localdate()
    assert not AuditEvent.objects.filter(action=AuditAction.COVER_ENDED).exists()
