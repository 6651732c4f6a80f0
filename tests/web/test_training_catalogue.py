"""The catalogue: Carla keeps the schemes and their windows, Bram the courses; all staff read them.

Issue 8: "an admin adds next year's window without a code change", courses teach ESCO skills
chosen with search, and a course CSV is imported all or nothing with a row-by-row report.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.models import Traject
from koers.web.training.actions import create_application, save_course
from koers.web.training.csv_import import (
    CourseImportError,
    import_courses,
    read_courses,
    template_csv,
)
from koers.web.training.models import Course, Scheme, Window
from tests.web.conftest import People

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
STYLE_HAIR = "http://data.europa.eu/esco/skill/0b6c4174-a862-480d-8d55-44f7cf7ac365"
TEAMWORK = "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0"
CLEANING_GROUP_WORD = "cleaning"
UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
HEADER = "titel;aanbieder;prijs;duur;vorm;vaardigheden;link;omschrijving\r\n"


def page_url(name: str, *args: object) -> str:
    """The English page: the tests read its English text."""
    with translation.override("en"):
        return reverse(name, args=args)


def signed_in(browser: Browser, username: str) -> Browser:
    browser.force_login(User.objects.get(username=username))
    return browser


def day(date: datetime.date) -> str:
    """As the English pages write a date."""
    with translation.override("en"):
        return date_format(date)


# Schemes and windows ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anna", "bram", "carla", "dirk"])
def test_it_shows_every_staff_member_the_schemes_and_when_they_are_open(
    persona: str, people: People, scheme: Scheme, client: Browser
) -> None:
    closes = scheme.windows.get().closes_on

    page = signed_in(client, persona).get(page_url("training:schemes"))
    detail = client.get(page_url("training:scheme_detail", scheme.pk))

    assert page.status_code == 200
    html = page.content.decode()
    assert "NL leert door" in html and "Rijksoverheid" in html
    assert day(closes) in html
    assert detail.status_code == 200
    assert "https://www.nlleertdoor.nl" in detail.content.decode()


def test_it_sends_an_anonymous_visitor_to_the_login_page(scheme: Scheme, client: Browser) -> None:
    for url in (page_url("training:schemes"), page_url("training:courses")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["anna", "bram", "dirk"])
def test_it_lets_only_the_admin_create_or_change_schemes_and_windows(
    persona: str, people: People, scheme: Scheme, client: Browser
) -> None:
    window = scheme.windows.get()
    urls = [
        page_url("training:scheme_create"),
        page_url("training:scheme_edit", scheme.pk),
        page_url("training:window_create", scheme.pk),
        page_url("training:window_edit", scheme.pk, window.pk),
    ]
    signed_in(client, persona)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Mijn regeling"}).status_code == 404, url
    page = client.get(page_url("training:scheme_detail", scheme.pk)).content.decode()
    assert page_url("training:window_create", scheme.pk) not in page
    assert Scheme.objects.count() == 1


def test_it_lets_the_admin_add_a_scheme_and_next_years_window(
    people: People, client: Browser
) -> None:
    signed_in(client, "carla")
    assert client.get(page_url("training:scheme_create")).status_code == 200

    response = client.post(
        page_url("training:scheme_create"),
        {
            "name": "STAP-opvolger",
            "financier": "UWV",
            "financier_kind": "uwv",
            "applicants": ["deelnemer", "aanbieder"],
            "max_amount": "1000",
            "maximum_note": "€ 1.000 per persoon per jaar",
            "conditions": "Vanaf 18 jaar.",
            "links": "https://example.org/regeling\n\n  https://example.org/voorwaarden  ",
            "active": "on",
        },
    )

    scheme = Scheme.objects.get(name="STAP-opvolger")
    assert response.status_code == 302
    assert response["Location"] == page_url("training:scheme_detail", scheme.pk)
    assert scheme.applicants == ["deelnemer", "aanbieder"] and scheme.consent_recipient == "uwv"
    assert scheme.links == ["https://example.org/regeling", "https://example.org/voorwaarden"]
    assert AuditEvent.objects.filter(action=AuditAction.SCHEME_SAVED, actor=people.carla).exists()
    listed = client.get(page_url("training:schemes")).content.decode()
    assert "no open window" in listed

    opens = datetime.date(TODAY.year + 1, 3, 1)
    response = client.post(
        page_url("training:window_create", scheme.pk),
        {
            "label": str(TODAY.year + 1),
            "opens_on": opens.isoformat(),
            "closes_on": datetime.date(TODAY.year + 1, 12, 15).isoformat(),
            "max_amount": "",
            "note": "",
        },
    )

    assert response.status_code == 302
    window = scheme.windows.get()
    assert (window.label, window.opens_on) == (str(TODAY.year + 1), opens)
    assert AuditEvent.objects.filter(action=AuditAction.WINDOW_SAVED).exists()
    assert f"opens {day(opens)}" in client.get(page_url("training:schemes")).content.decode()
    detail = client.get(page_url("training:scheme_detail", scheme.pk)).content.decode()
    assert page_url("training:window_edit", scheme.pk, window.pk) in detail


def test_it_fills_in_the_form_of_a_scheme_to_change(
    people: People, scheme: Scheme, client: Browser
) -> None:
    page = signed_in(client, "carla").get(page_url("training:scheme_edit", scheme.pk))

    html = page.content.decode()
    assert "https://www.nlleertdoor.nl</textarea>" in html
    assert 'value="deelnemer" id="id_applicants_0" checked' in html


def test_it_refuses_links_that_are_not_web_addresses(people: People, client: Browser) -> None:
    response = signed_in(client, "carla").post(
        page_url("training:scheme_create"),
        {"name": "X", "financier": "Y", "links": "https://ok.example.org\nniet een link"},
    )

    assert response.status_code == 200
    assert "niet een link" in str(response.context["form"].errors["links"])
    assert not Scheme.objects.exists()


def test_it_says_at_the_field_when_a_window_closes_before_it_opens(
    people: People, scheme: Scheme, client: Browser
) -> None:
    response = signed_in(client, "carla").post(
        page_url("training:window_create", scheme.pk),
        {"label": "Verkeerd", "opens_on": "2027-03-01", "closes_on": "2027-02-01"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["closes_on"]
    assert "cannot close before it opens" in form.errors["closes_on"][0]
    assert 'aria-describedby="id_closes_on_error"' in response.content.decode()
    assert scheme.windows.count() == 1


def test_it_changes_a_window_only_through_its_own_scheme(
    people: People, scheme: Scheme, client: Browser
) -> None:
    window = scheme.windows.get()
    other = Scheme.objects.create(name="Ander", financier="Fonds")
    signed_in(client, "carla")

    assert client.get(page_url("training:window_edit", other.pk, window.pk)).status_code == (404)
    response = client.post(
        page_url("training:window_edit", scheme.pk, window.pk),
        {
            "label": "Najaar",
            "opens_on": window.opens_on.isoformat(),
            "closes_on": (window.closes_on + datetime.timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 302
    assert Window.objects.get(pk=window.pk).closes_on == window.closes_on + datetime.timedelta(
        days=7
    )


def test_it_shows_the_admin_the_totals_of_a_scheme_and_coaches_not(
    people: People, scheme: Scheme, traject: Traject, client: Browser
) -> None:
    create_application(
        by=people.anna,
        traject=traject,
        values={"course_title": "Instroom zorg", "provider": "ROC", "cost": Decimal(900)},
        lines=[{"scheme": scheme, "window": scheme.windows.get(), "asked": Decimal(750)}],
    )
    url = page_url("training:scheme_detail", scheme.pk)

    admin_page = signed_in(client, "carla").get(url)
    coach_page = signed_in(client, "anna").get(url)

    assert admin_page.context["totals"].applications == 1
    assert admin_page.context["totals"].asked == Decimal(750)
    assert "Sandra" not in admin_page.content.decode()
    assert coach_page.context["totals"] is None


def test_it_lists_schemes_no_longer_in_use_apart(
    people: People, scheme: Scheme, client: Browser
) -> None:
    Scheme.objects.create(name="Oude regeling", financier="Fonds", active=False)

    page = signed_in(client, "anna").get(page_url("training:schemes"))

    assert [row.scheme.name for row in page.context["rows"]] == ["NL leert door"]
    assert [row.scheme.name for row in page.context["inactive"]] == ["Oude regeling"]


# The course catalogue ----------------------------------------------------------------


def test_it_shows_every_staff_member_the_catalogue_with_skill_labels(
    people: People, gap_course: Course, client: Browser
) -> None:
    save_course(
        by=people.carla,
        course=Course(title="Oud", provider="Weg", skills=[UNKNOWN_SKILL], active=False),
    )
    save_course(by=people.carla, course=Course(title="Kappen", provider="Kapschool", form="online"))
    save_course(
        by=people.carla,
        course=Course(title="Vreemd", provider="Elders", skills=[UNKNOWN_SKILL]),
    )

    page = signed_in(client, "dirk").get(page_url("training:courses"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Instroom zorg" in html and "ROC Midden" in html
    labels = [skill.label for skill in dict(page.context["rows"])[gap_course]]
    assert len(labels) == 2 and not any(label.startswith("http") for label in labels)
    assert UNKNOWN_SKILL in html and "not found in the ESCO data" in html
    assert "Oud" not in [course.title for course, _ in page.context["rows"]]
    assert page_url("training:course_edit", gap_course.pk) not in html


def test_it_finds_courses_by_title_or_provider_and_form(
    people: People, gap_course: Course, client: Browser
) -> None:
    save_course(by=people.carla, course=Course(title="Kappen", provider="Kapschool", form="online"))
    signed_in(client, "anna")

    def titles(**query: str) -> list[str]:
        page = client.get(page_url("training:courses"), query)
        return [course.title for course, _ in page.context["rows"]]

    assert titles(q="roc") == ["Instroom zorg"]
    assert titles(q="kapschool") == ["Kappen"]
    assert titles(form="online") == ["Kappen"]
    assert titles(q="kappen", form="blended") == []


def test_it_shows_keepers_the_courses_taken_out_of_the_catalogue(
    people: People, client: Browser
) -> None:
    save_course(by=people.carla, course=Course(title="Oud", provider="Weg", active=False))

    page = signed_in(client, "bram").get(page_url("training:courses"))

    assert [course.title for course, _ in page.context["rows"]] == ["Oud"]
    assert "not in the catalogue" in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "allowed"), [("anna", False), ("dirk", False), ("bram", True), ("carla", True)]
)
def test_it_lets_admins_and_team_leads_keep_the_catalogue(
    persona: str, allowed: bool, people: People, gap_course: Course, client: Browser
) -> None:
    signed_in(client, persona)
    for url in (
        page_url("training:course_create"),
        page_url("training:course_edit", gap_course.pk),
        page_url("training:course_import"),
        page_url("training:course_template"),
    ):
        assert client.get(url).status_code == (200 if allowed else 404), url
    assert client.get(page_url("training:courses")).status_code == 200
    assert client.get(page_url("training:skill_search"), {"q": "hair"}).status_code == 200


def test_it_finds_skills_to_check_then_saves_the_checked_ones(
    people: People, client: Browser
) -> None:
    signed_in(client, "bram")
    course = {"title": "Kappen voor beginners", "provider": "Kapschool", "price": "450"}

    found = client.post(
        page_url("training:course_create"), {**course, "skill_query": "hair", "find": "1"}
    )

    assert found.status_code == 200
    form = found.context["form"]
    assert STYLE_HAIR in dict(form.fields["skills"].choices)
    assert not form.errors
    assert not Course.objects.exists()

    again = client.post(
        page_url("training:course_create"),
        {**course, "skills": [STYLE_HAIR], "skill_query": CLEANING_GROUP_WORD, "find": "1"},
    )

    choices = dict(again.context["form"].fields["skills"].choices)
    assert next(iter(choices)) == STYLE_HAIR
    assert any("skill group" in str(label) for label in choices.values())
    assert f'value="{STYLE_HAIR}" id="id_skills_0" checked' in again.content.decode()

    saved = client.post(
        page_url("training:course_create"),
        {**course, "skills": [STYLE_HAIR, TEAMWORK], "active": "on"},
    )

    assert saved.status_code == 302
    created = Course.objects.get()
    assert created.skills == [STYLE_HAIR, TEAMWORK]
    assert created.price == Decimal(450)
    assert AuditEvent.objects.filter(action=AuditAction.COURSE_SAVED, actor=people.bram).exists()


def test_it_says_when_no_skill_is_found(people: People, client: Browser) -> None:
    response = signed_in(client, "bram").post(
        page_url("training:course_create"), {"skill_query": "qqqxxxzzz", "find": "1"}
    )

    assert list(response.context["form"].errors) == ["skill_query"]


def test_it_refuses_a_skill_that_is_not_in_esco(people: People, client: Browser) -> None:
    response = signed_in(client, "bram").post(
        page_url("training:course_create"),
        {"title": "X", "provider": "Y", "skills": [UNKNOWN_SKILL]},
    )

    assert response.status_code == 200
    assert "skills" in response.context["form"].errors
    assert not Course.objects.exists()


def test_it_changes_a_course_and_can_take_it_out_of_the_catalogue(
    people: People, gap_course: Course, client: Browser
) -> None:
    signed_in(client, "bram")
    page = client.get(page_url("training:course_edit", gap_course.pk))
    assert f'value="{gap_course.skills[0]}" id="id_skills_0" checked' in page.content.decode()

    response = client.post(
        page_url("training:course_edit", gap_course.pk),
        {"title": "Instroom zorg", "provider": "ROC Midden", "skills": gap_course.skills[:1]},
    )

    assert response.status_code == 302
    changed = Course.objects.get(pk=gap_course.pk)
    assert (changed.active, changed.skills) == (False, gap_course.skills[:1])


def test_it_suggests_skills_as_you_type_and_on_a_page_without_javascript(
    people: People, client: Browser
) -> None:
    signed_in(client, "bram")
    url = page_url("training:skill_search")

    partial = client.get(
        url, {"skill_query": "hair", "skills": [STYLE_HAIR]}, HTTP_HX_REQUEST="true"
    )
    page = client.get(url, {"q": "hair"})

    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert 'name="skills"' in partial.content.decode()
    assert STYLE_HAIR not in partial.content.decode()
    assert page.status_code == 200
    assert "<h1>" in page.content.decode() and STYLE_HAIR in page.content.decode()


# Course CSV import ---------------------------------------------------------------------


def upload(client: Browser, text: str | bytes) -> Any:
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        page_url("training:course_import"),
        {"file": SimpleUploadedFile("cursussen.csv", data, content_type="text/csv")},
    )


def test_it_imports_courses_and_updates_the_ones_already_there(
    people: People, gap_course: Course, client: Browser
) -> None:
    text = (
        HEADER + f"Kappen;Kapschool;1.250,50;10 weken;klassikaal;{STYLE_HAIR}|{TEAMWORK};"
        "https://example.org/kappen;Voor wie wil kappen\r\n"
        "instroom zorg;roc midden;950;;blended;;;\r\n"
    )

    response = upload(signed_in(client, "bram"), text)

    assert response.status_code == 302
    kappen = Course.objects.get(title="Kappen")
    assert kappen.price == Decimal("1250.50")
    assert kappen.form == "klassikaal"
    assert kappen.skills == [STYLE_HAIR, TEAMWORK]
    updated = Course.objects.get(pk=gap_course.pk)
    assert (updated.price, updated.skills) == (Decimal(950), [])
    assert Course.objects.count() == 2
    entry = AuditEvent.objects.get(action=AuditAction.COURSES_IMPORTED)
    assert entry.actor == people.bram
    assert entry.detail == "1 created, 1 updated, 0 unchanged"
    assert "price" in entry.fields


def test_it_keeps_columns_left_out_and_accepts_english_headers_and_labels(
    people: People, gap_course: Course
) -> None:
    done = import_courses(
        by=people.carla,
        data=b"title,provider,form\n"
        b"Instroom zorg,ROC Midden,Classroom and online\nNieuw,X,online\n",
    )

    assert [c.title for c in done.created] == ["Nieuw"]
    assert [c.title for c in done.unchanged] == ["Instroom zorg"]
    assert Course.objects.get(pk=gap_course.pk).price == Decimal(900)


def test_the_template_is_a_file_that_imports(people: People, client: Browser) -> None:
    response = signed_in(client, "carla").get(page_url("training:course_template"))

    assert response["Content-Disposition"].endswith('koers-courses-template.csv"')
    content = response.content.decode("utf-8-sig")
    assert content == template_csv()
    assert len(import_courses(by=people.carla, data=content.encode()).created) == 1


@pytest.mark.parametrize(
    ("text", "row", "column", "message"),
    [
        (HEADER + "A;B;;;cursus;;;\r\n", 2, "vorm", "is not one of"),
        (HEADER + "A;B;veel;;;;;\r\n", 2, "prijs", "is not a price"),
        (HEADER + "A;B;-5;;;;;\r\n", 2, "prijs", "cannot be negative"),
        (HEADER + "A;B;1.500;;;;;\r\n", 2, "prijs", "is not a price"),
        (HEADER + "A" * 201 + ";B;;;;;;\r\n", 2, "titel", "at most 200 characters"),
        (HEADER + f"A;B;;;;{UNKNOWN_SKILL};;\r\n", 2, "vaardigheden", "not an ESCO skill"),
        (HEADER + "A;B;;;;;;\r\na;b;;;;;;\r\n", 3, "titel", "on row 2 too"),
        (HEADER + "A;B;;;;;;bel 111 222 333\r\n", 2, "omschrijving", "citizen service number"),
        (HEADER + ";B;;;;;;\r\n", 2, "titel", "required"),
        (HEADER + "A;B;;;;;geen link;\r\n", 2, "link", "URL"),
        (HEADER + "A;B;;;;;;;extra\r\n", 2, "", "cells"),
        ("titel;prijs\r\nA;1\r\n", 1, "aanbieder", "needs a column"),
        ("titel;aanbieder;kleur\r\nA;B;rood\r\n", 1, "kleur", "Unknown column"),
        ("titel;aanbieder;titel\r\nA;B;C\r\n", 1, "titel", "appears twice"),
        ("titel;aanbieder\r\n", 2, "", "no courses"),
        ("titel;aanbieder\r\nCaf\xe9;B\r\n".encode("latin-1"), 2, "", "not UTF-8"),
    ],
)
def test_it_reports_every_problem_by_row_and_column_and_saves_nothing(
    text: str | bytes,
    row: int,
    column: str,
    message: str,
    people: People,
    gap_course: Course,
    client: Browser,
) -> None:
    good = "Goed;Ergens;100;;;;;\r\n"
    if isinstance(text, str) and text.startswith(HEADER):
        text = HEADER + good + text.removeprefix(HEADER)
        row += 1 if row > 1 else 0
        message = message.replace("row 2", "row 3")

    response = upload(signed_in(client, "bram"), text)

    assert response.status_code == 400
    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(row, column)], problems
    assert message in problems[0].message
    assert list(Course.objects.values_list("title", flat=True)) == ["Instroom zorg"]
    assert not AuditEvent.objects.filter(action=AuditAction.COURSES_IMPORTED).exists()


def test_it_says_an_empty_file_is_empty(people: People, client: Browser) -> None:
    with translation.override("en"):
        assert [str(p) for p in read_courses(b"").problems] == ["1:: The file is empty."]
    response = upload(signed_in(client, "bram"), b"")
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_it_reports_all_problems_of_a_file_at_once(people: People) -> None:
    checked = read_courses(
        (HEADER + "A;B;veel;;cursus;;;\r\nC;D;-1;;;;;\r\n").encode(),
    )

    assert [(p.row, p.column) for p in checked.problems] == [
        (2, "prijs"),
        (2, "vorm"),
        (3, "prijs"),
    ]


def test_it_refuses_control_characters_in_a_course_file(people: People) -> None:
    """The course import reads CSV as the caseload import does: one check for both."""
    checked = read_courses(
        (HEADER + 'A\x00;B;;;;;;\r\nC;D;;;;;;"twee\r\nregels\tmet tab"\r\n').encode(),
    )

    assert [(p.row, p.column) for p in checked.problems] == [(2, "titel")]
    assert "U+0000" in checked.problems[0].message


def test_it_lets_only_catalogue_keepers_import(people: People) -> None:
    with pytest.raises(PermissionDenied):
        import_courses(by=people.anna, data=(HEADER + "A;B;;;;;;\r\n").encode())
    with pytest.raises(CourseImportError):
        import_courses(by=people.bram, data=b"titel\r\nA\r\n")
    assert not Course.objects.exists()


def test_enter_in_a_field_with_nothing_to_find_saves_the_course(
    people: People, client: Browser
) -> None:
    client.force_login(people.bram)
    response = client.post(
        page_url("training:course_create"),
        {"title": "Basis zorg", "provider": "ROC", "skill_query": "", "find": "1"},
    )
    assert response.status_code == 302
    assert Course.objects.filter(title="Basis zorg").exists()
