"""Waarneming: a team lead arranges who covers for an absent coach in the team."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.web.accounts.actions import arrange_cover
from koers.web.accounts.models import Cover
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
