"""The client's private link: Anna makes it, Sandra reads her plan through it on her phone
without an account and answers; every view audited and counted; unknown, expired, revoked and
erased links all answer the same; rate limited per link and per address."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.plans import actions
from koers.web.plans.links import create_link, revoke_link, token_of
from koers.web.plans.models import LinkHit, Plan, PlanLink
from koers.web.privacy.erasure import erase_client
from tests.web.conftest import People
from tests.web.test_plan_copy import sandras_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("explorer_knowledge")]
BSN = "111222333"
GONE = "Deze link werkt niet meer"


def url_of(token: str) -> str:
    return reverse("plan_link", args=[token])


def phone() -> Browser:
    """Sandra's phone: no account, no cookies yet; Django's test client checks CSRF like a
    browser would."""
    return Browser(enforce_csrf_checks=True)


def text_of(response: object) -> str:
    return " ".join(response.content.decode().split())  # type: ignore[attr-defined]


def answer(browser: Browser, token: str, **values: str) -> object:
    """Post the answer form with the CSRF token the page gave."""
    page = browser.get(url_of(token)).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    number = re.search(r'name="version" value="(\d+)"', page)
    assert csrf and number
    data = {"csrfmiddlewaretoken": csrf.group(1), "version": number.group(1), **values}
    return browser.post(url_of(token), data)


@pytest.fixture
def plan(people: People) -> Plan:
    return sandras_plan(people)


@pytest.fixture
def token(people: People, plan: Plan) -> str:
    return create_link(by=people.anna, plan=plan)[1]


def test_anna_makes_a_link_that_is_random_stored_as_a_hash_and_shown_again(
    people: People, plan: Plan, settings: Settings
) -> None:
    link, token = create_link(by=people.anna, plan=plan)

    assert len(token) >= 40 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert token not in (link.seed, link.token_hash)
    assert token_of(link) == token
    days = (link.expires_at - link.created_at).days
    assert days == settings.KOERS_PLAN_LINK_DAYS == 30
    event = AuditEvent.objects.get(action=AuditAction.PLAN_LINK_CREATED)
    assert (event.actor, event.client_id, event.target) == (
        people.anna,
        plan.client_id,
        f"planlink:{link.pk}",
    )
    assert create_link(by=people.anna, plan=plan)[1] != token


def test_after_a_new_secret_key_the_link_still_works_but_cannot_be_shown_again(
    people: People, plan: Plan, settings: Settings, client: Browser
) -> None:
    link, token = create_link(by=people.anna, plan=plan)
    settings.SECRET_KEY = "another secret key, as after a rotation " * 2

    assert token_of(link) is None
    assert phone().get(url_of(token)).status_code == 200
    client.force_login(people.anna)
    page = text_of(client.get(reverse("plans:sharing", args=[plan.client_id])))
    assert "De link kan niet opnieuw getoond worden." in page
    assert token not in page


def test_no_link_is_made_for_an_erased_client(people: People, plan: Plan) -> None:
    erase_client(by=people.carla, client=plan.client)

    with pytest.raises(PermissionDenied):
        create_link(by=people.anna, plan=plan)
    assert not PlanLink.objects.exists()


def test_a_new_link_revokes_the_one_before(people: People, plan: Plan) -> None:
    first, old_token = create_link(by=people.anna, plan=plan)
    second, _token = create_link(by=people.anna, plan=plan)

    first.refresh_from_db()
    assert first.revoked_at is not None and first.revoked_by == people.anna
    assert PlanLink.objects.filter(plan=plan, revoked_at__isnull=True).get() == second
    assert phone().get(url_of(old_token)).status_code == 404


def test_the_database_allows_one_link_per_plan_that_is_not_revoked(
    people: People, plan: Plan
) -> None:
    link, _token = create_link(by=people.anna, plan=plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanLink.objects.create(
            plan=plan, seed="x", token_hash="y" * 64, expires_at=link.expires_at
        )


def test_dirk_of_another_team_can_neither_make_nor_revoke_the_link(
    people: People, plan: Plan, client: Browser
) -> None:
    link, _token = create_link(by=people.anna, plan=plan)

    with pytest.raises(PermissionDenied):
        create_link(by=people.dirk, plan=plan)
    with pytest.raises(PermissionDenied):
        revoke_link(by=people.dirk, link=link)
    client.force_login(people.dirk)
    assert client.post(reverse("plans:create_link", args=[plan.client_id])).status_code == 404
    assert client.post(reverse("plans:revoke_link", args=[plan.client_id])).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert PlanLink.objects.count() == 1


def test_sandra_reads_her_plan_without_an_account_each_view_audited_and_counted(
    plan: Plan, token: str
) -> None:
    browser = phone()
    first = browser.get(url_of(token))
    browser.get(url_of(token))

    page = text_of(first)
    assert first.status_code == 200
    assert '<html lang="nl">' in page
    assert "<h1>Loopbaanplan van Sandra</h1>" in page
    assert "proefdag regelen" in page and "Goed gedaan!" in page
    assert "alleen voor mij" not in page
    link = PlanLink.objects.get()
    assert link.views == 2 and link.last_viewed_at is not None
    viewed = AuditEvent.objects.filter(action=AuditAction.PLAN_LINK_VIEWED)
    assert viewed.count() == 2
    event = viewed.first()
    assert event is not None
    assert (event.actor, event.via, event.client_id, event.detail) == (
        None,
        "link",
        plan.client_id,
        f"v{plan.version}",
    )


def test_the_page_has_no_workspace_around_it_and_is_kept_by_nobody(token: str) -> None:
    response = phone().get(url_of(token))
    page = response.content.decode()

    assert '<meta name="robots" content="noindex">' in page
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "<nav" not in page and "<script" not in page
    assert reverse("clients:caseload") not in page
    assert "csrftoken" in response.cookies


def test_an_english_speaking_client_reads_it_in_english(people: People) -> None:
    plan = sandras_plan(people, language="en")
    _link, token = create_link(by=people.anna, plan=plan)

    page = text_of(phone().get(url_of(token)))

    assert '<html lang="en">' in page
    assert "Career plan of Sandra" in page
    assert "I agree with this plan" in page


def test_sandra_agrees_and_the_page_says_so_with_the_date(plan: Plan, token: str) -> None:
    browser = phone()
    response = answer(browser, token, answer="agree")

    assert response.status_code == 302  # type: ignore[attr-defined]
    version = plan.versions.get(number=plan.version)
    assert version.agreed_at is not None
    page = text_of(browser.get(url_of(token)))
    day = timezone.localtime(version.agreed_at)
    assert f"Je was het eens met dit plan op {day.day} december {day.year}." in page
    assert "Ik ben het eens met dit plan</button>" not in page
    agreed = AuditEvent.objects.get(action=AuditAction.PLAN_AGREED)
    assert (agreed.actor, agreed.via) == (None, "link")


def test_sandra_says_what_she_would_change(plan: Plan, token: str) -> None:
    browser = phone()
    answer(browser, token, answer="change", comment="Liever eerst parttime.")

    version = plan.versions.get(number=plan.version)
    assert (version.agreed_at, version.comment) == (None, "Liever eerst parttime.")
    page = text_of(browser.get(url_of(token)))
    assert "schreef je wat je anders wilt:" in page
    assert "Liever eerst parttime." in page


def test_changing_without_saying_what_is_refused(plan: Plan, token: str) -> None:
    response = answer(phone(), token, answer="change", comment="  ")

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Zeg wat je zou veranderen" in text_of(response)
    assert plan.versions.get(number=plan.version).answered_at is None


def test_a_bsn_in_the_comment_is_refused(plan: Plan, token: str) -> None:
    response = answer(phone(), token, answer="change", comment=f"mijn bsn is {BSN}")

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert 'aria-invalid="true"' in response.content.decode()  # type: ignore[attr-defined]
    assert plan.versions.get(number=plan.version).answered_at is None


def test_an_overlong_comment_is_refused(plan: Plan, token: str) -> None:
    response = answer(phone(), token, answer="change", comment="x" * 2001)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert plan.versions.get(number=plan.version).answered_at is None


def test_a_version_is_answered_once(plan: Plan, token: str) -> None:
    browser = phone()
    page = browser.get(url_of(token)).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf
    data = {"csrfmiddlewaretoken": csrf.group(1), "version": str(plan.version)}
    browser.post(url_of(token), {**data, "answer": "agree"})

    again = browser.post(url_of(token), {**data, "answer": "change", "comment": "toch niet"})

    assert again.status_code == 400
    assert "Je hebt deze versie van het plan al beantwoord." in text_of(again)
    version = plan.versions.get(number=plan.version)
    assert (version.agreed_at is not None, version.comment) == (True, "")


def test_an_answer_on_a_version_the_coach_replaced_meanwhile_is_refused(
    people: People, plan: Plan, token: str
) -> None:
    browser = phone()
    page = browser.get(url_of(token)).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf
    read = plan.version
    plan = actions.update_plan(
        by=people.anna, plan=plan, version=plan.version, values={"standing": "Nieuw."}
    )

    response = browser.post(
        url_of(token),
        {"csrfmiddlewaretoken": csrf.group(1), "version": str(read), "answer": "agree"},
    )

    assert response.status_code == 400
    assert "Je plan is veranderd nadat je het opende." in text_of(response)
    assert not plan.versions.filter(answered_at__isnull=False).exists()


def test_an_answer_without_the_csrf_token_is_refused(plan: Plan, token: str) -> None:
    response = phone().post(url_of(token), {"version": str(plan.version), "answer": "agree"})

    assert response.status_code == 403
    assert plan.versions.get(number=plan.version).answered_at is None
    # In plain Dutch, not Django's English page for developers.
    page = response.content.decode()
    assert "Dit formulier is verlopen" in page
    assert "CSRF verification failed" not in page


def test_unknown_expired_revoked_and_erased_links_all_answer_the_same(
    people: People, plan: Plan, token: str
) -> None:
    unknown = phone().get(url_of("x" * 43))
    link = PlanLink.objects.get()
    PlanLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    expired = phone().get(url_of(token))
    PlanLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert phone().get(url_of(token)).status_code == 200
    revoke_link(by=people.anna, link=link)
    revoked = phone().get(url_of(token))
    other, other_token = create_link(by=people.anna, plan=plan)
    erase_client(by=people.carla, client=plan.client)
    erased = phone().get(url_of(other_token))

    pages = {text_of(response) for response in (unknown, expired, revoked, erased)}
    assert len(pages) == 1
    assert {r.status_code for r in (unknown, expired, revoked, erased)} == {404}
    page = pages.pop()
    assert GONE in page and "Vraag je coach om een nieuwe link." in page
    assert '<meta name="robots" content="noindex">' in page
    other.refresh_from_db()
    assert (other.seed, other.token_hash, token_of(other)) == ("", None, None)
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_LINK_VIEWED).count() == 1


def test_a_link_opened_too_often_in_an_hour_gets_429(token: str, settings: Settings) -> None:
    settings.KOERS_PLAN_LINK_PER_HOUR = 3
    browser = phone()
    statuses = [browser.get(url_of(token)).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = browser.get(url_of(token))
    assert "Te vaak geprobeerd" in text_of(refused)
    assert refused["Retry-After"] == "3600"
    assert PlanLink.objects.get().views == 3


def test_an_address_guessing_tokens_gets_429_even_for_a_real_link(
    token: str, settings: Settings
) -> None:
    settings.KOERS_PLAN_LINK_MISSES_PER_HOUR = 3
    guesser = phone()
    statuses = [guesser.get(url_of(f"guess{n}")).status_code for n in range(4)]

    assert statuses == [404, 404, 404, 429]
    assert guesser.get(url_of(token)).status_code == 429
    other_address = Browser(REMOTE_ADDR="192.0.2.77")
    assert other_address.get(url_of(token)).status_code == 200


def test_hits_older_than_an_hour_no_longer_count(token: str, settings: Settings) -> None:
    settings.KOERS_PLAN_LINK_MISSES_PER_HOUR = 1
    assert phone().get(url_of("guess")).status_code == 404
    LinkHit.objects.update(at=timezone.now() - datetime.timedelta(hours=2))

    assert phone().get(url_of(token)).status_code == 200
    assert not LinkHit.objects.filter(at__lt=timezone.now() - datetime.timedelta(hours=1))


def test_the_sharing_page_shows_the_link_its_expiry_and_sandras_answer(
    people: People, plan: Plan, client: Browser
) -> None:
    client.force_login(people.anna)
    sharing = reverse("plans:sharing", args=[plan.client_id])
    assert "Er is nu geen werkende link." in text_of(client.get(sharing))

    made = client.post(reverse("plans:create_link", args=[plan.client_id]))
    assert made.status_code == 302
    link = PlanLink.objects.get()
    token = token_of(link)
    assert token is not None
    page = text_of(client.get(sharing))
    assert f"http://testserver{url_of(token)}" in page
    assert f"Werkt tot {timezone.localtime(link.expires_at):%-d}" in page
    assert "Nog niet geopend." in page

    answer(phone(), token, answer="agree")
    page = text_of(client.get(sharing))
    assert "Werkt tot" in page
    assert f"De cliënt was het eens met versie {plan.version} op" in page
    assert "1 keer geopend" in page
    # The answer is about the plan's content: the editor says it too, without the link.
    editor = text_of(client.get(reverse("plans:plan", args=[plan.client_id])))
    assert f"De cliënt was het eens met versie {plan.version} op" in editor
    assert "Delen met de cliënt of de opdrachtgever" in editor
    assert url_of(token) not in editor

    client.post(reverse("plans:revoke_link", args=[plan.client_id]))
    link.refresh_from_db()
    assert link.revoked_at is not None
    page = text_of(client.get(sharing))
    assert f"http://testserver{url_of(token)}" not in page
    assert "Er is nu geen werkende link." in page
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_LINK_REVOKED).count() == 1


def test_the_sharing_page_says_when_the_link_stopped_working(
    people: People, plan: Plan, token: str, client: Browser
) -> None:
    PlanLink.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(people.anna)

    page = text_of(client.get(reverse("plans:sharing", args=[plan.client_id])))

    assert "De link werkt niet meer sinds" in page
    assert token not in page
    assert "Nieuwe link maken" in page and "Link intrekken" not in page
