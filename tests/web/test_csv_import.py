"""A coordinator's spreadsheet becomes a caseload: all rows or none, every problem named."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.urls import reverse
from django.utils import translation

from koers.web.audit.models import AuditAction, AuditEvent
from koers.web.clients.caseload_columns import COLUMNS, template_csv
from koers.web.clients.caseload_rows import MAX_ROWS, read_caseload
from koers.web.clients.csv_import import CaseloadError, import_caseload
from koers.web.clients.models import Client, Opdrachtgever, Traject
from tests.web.conftest import People

CASELOAD = Path(__file__).parent.parent / "fixtures" / "caseload"
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"


def fixture(name: str) -> bytes:
    return (CASELOAD / name).read_bytes()


def url(name: str) -> str:
    with translation.override("en"):
        return reverse(name)


def where(problems: object) -> set[tuple[int, str]]:
    assert isinstance(problems, list)
    return {(problem.row, problem.column) for problem in problems}


def test_it_imports_a_good_file_with_trajecten_and_an_audit_entry(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    clients = import_caseload(by=people.anna, coach=people.anna, data=fixture("good.csv"))

    assert [c.last_name for c in clients] == ["Een", "Twee", "Drie"]
    een, twee, drie = (Client.objects.get(pk=c.pk) for c in clients)
    assert een.coach == people.anna
    assert een.email == "een@example.org"
    assert een.call_times == ["ochtend", "avond"]
    assert (een.urgency, een.question_type, een.contract_type) == ("high", "long", "vast")
    assert een.sector == "G"
    assert een.occupation_uri == COOK
    assert een.support_reasons == ["taal", "schulden"]
    assert (twee.situation, twee.urgency, twee.contract_type) == ("lost_job", "low", "uitzend")
    assert drie.situation == "in_training"
    trajecten = Traject.objects.order_by("client_id")
    assert [(t.client_id, t.starts, t.order_number) for t in trajecten] == [
        (een.pk, datetime.date(2025, 1, 15), "ORD-1"),
        (drie.pk, datetime.date(2025, 2, 15), ""),
    ]
    imported = AuditEvent.objects.get(action=AuditAction.CLIENTS_IMPORTED)
    assert imported.actor == people.anna
    assert imported.detail == "3 clients for anna"
    assert "email" in imported.fields
    assert AuditEvent.objects.filter(action=AuditAction.CLIENT_CREATED).count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.TRAJECT_CREATED).count() == 2


def test_it_reads_semicolons_and_a_byte_order_mark(people: People) -> None:
    clients = import_caseload(by=people.anna, coach=people.anna, data=fixture("semicolon-bom.csv"))

    first = Client.objects.get(pk=clients[0].pk)
    assert (first.first_name, first.last_name) == ("Voorbeeld", "Cliënt")
    assert first.call_times == ["ochtend", "middag"]
    assert first.education_level == "mbo2-4"
    assert first.channel == "whatsapp"
    assert first.notes == "Wil graag bellen, liefst 's ochtends"
    assert len(clients) == 2


def test_it_writes_nothing_and_names_every_problem_by_row_and_column(
    people: People,
) -> None:
    with pytest.raises(CaseloadError) as raised:
        import_caseload(by=people.anna, coach=people.anna, data=fixture("problems.csv"))

    assert where(raised.value.problems) == {
        (2, "contract"),
        (3, "achternaam"),
        (4, "email"),
        (5, "notities"),
        (6, "voornaam"),
        (7, "situatie"),
    }
    messages = {p.column: p.message for p in raised.value.problems}
    assert "vast" in messages["contract"]
    assert "150" in messages["achternaam"]
    assert "BSN" in messages["notities"]
    assert not Client.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_checks_the_header_row(people: People) -> None:
    checked = read_caseload(fixture("bad-header.csv"))

    assert where(checked.problems) == {(1, "kleur"), (1, "situatie")}
    assert not checked.rows


def test_it_refuses_a_bsn_in_any_cell_even_in_a_traject_column(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    data = (
        b"voornaam;situatie;opdrachtgever;traject_start;ordernummer\n"
        b"Test;working;O&O-fonds Detailhandel;2025-01-01;111.222.333\n"
    )

    checked = read_caseload(data)

    assert where(checked.problems) == {(2, "ordernummer")}


def test_it_needs_the_party_and_the_start_of_a_traject_together(
    people: People, opdrachtgever: Opdrachtgever
) -> None:
    data = (
        b"voornaam,situatie,opdrachtgever,traject_start\n"
        b"Een,working,Onbekend Fonds,2025-01-01\n"
        b"Twee,working,,2025-01-01\n"
        b"Drie,working,O&O-fonds Detailhandel,\n"
        b"Vier,working,O&O-fonds Detailhandel,1 januari\n"
    )

    checked = read_caseload(data)

    assert where(checked.problems) == {
        (2, "opdrachtgever"),
        (3, "opdrachtgever"),
        (4, "traject_start"),
        (5, "traject_start"),
    }


def test_it_refuses_an_unknown_occupation_and_a_bad_sector(people: People) -> None:
    data = (
        b"voornaam,situatie,beroep,sector\n"
        b"Een,working,http://data.europa.eu/esco/occupation/nope,G\n"
        b"Twee,working,,ZZ\n"
    )

    assert where(read_caseload(data).problems) == {(2, "beroep"), (3, "sector")}


def test_it_counts_rows_as_a_spreadsheet_does_with_multiline_cells(people: People) -> None:
    data = b'voornaam,situatie,notities\nEen,working,"two\nlines"\n\nDrie,werken?,\n'

    assert where(read_caseload(data).problems) == {(4, "situatie")}


def test_it_refuses_a_row_wider_than_the_header_but_not_trailing_empty_cells(
    people: People,
) -> None:
    data = b"voornaam,situatie\nEen,working,,\nTwee,working,extra\n"

    checked = read_caseload(data)

    assert where(checked.problems) == {(3, "")}
    assert "3" in checked.problems[0].message and "2" in checked.problems[0].message


def test_it_refuses_a_file_that_is_not_utf8(people: People) -> None:
    data = "voornaam;situatie\nJosé;working\n".encode("cp1252")

    problems = read_caseload(data).problems

    assert [(p.row, p.column) for p in problems] == [(2, "")]


def test_it_refuses_more_than_the_maximum_number_of_rows(people: People) -> None:
    data = ("voornaam,situatie\n" + "Test,working\n" * (MAX_ROWS + 1)).encode()

    problems = read_caseload(data).problems

    assert len(problems) == 1
    assert str(MAX_ROWS) in problems[0].message


def test_it_lets_a_coach_import_only_into_their_own_caseload(people: People) -> None:
    with pytest.raises(PermissionDenied):
        import_caseload(by=people.anna, coach=people.eva, data=fixture("semicolon-bom.csv"))
    with pytest.raises(PermissionDenied):
        import_caseload(by=people.bram, coach=people.dirk, data=fixture("semicolon-bom.csv"))

    clients = import_caseload(by=people.bram, coach=people.eva, data=fixture("semicolon-bom.csv"))

    assert {c.coach for c in clients} == {people.eva}


def test_its_template_has_every_column_and_imports_cleanly(people: People) -> None:
    text = template_csv()
    header = text.splitlines()[0].split(";")

    assert header == [column.header for column in COLUMNS]
    assert read_caseload(text.encode()).ok


def test_the_page_shows_each_problem_in_a_table_and_adds_nothing(
    client: Browser, people: People
) -> None:
    client.force_login(people.anna)
    upload = SimpleUploadedFile("caseload.csv", fixture("problems.csv"), "text/csv")

    response = client.post(url("data:import"), {"file": upload, "coach": people.anna.pk})

    assert response.status_code == 400
    html = response.content.decode()
    rows = re.findall(r'<th scope="row">(\d+)</th>\s*<td>(\w+)</td>', html)
    assert set(rows) == {
        ("2", "contract"),
        ("3", "achternaam"),
        ("4", "email"),
        ("5", "notities"),
        ("6", "voornaam"),
        ("7", "situatie"),
    }
    assert not Client.objects.exists()


def test_the_page_imports_for_a_team_member_chosen_by_the_team_lead(
    client: Browser, people: People
) -> None:
    client.force_login(people.bram)
    form = client.get(url("data:import")).content.decode()
    assert f'value="{people.eva.pk}"' in form
    assert f'value="{people.dirk.pk}"' not in form
    upload = SimpleUploadedFile("caseload.csv", fixture("semicolon-bom.csv"), "text/csv")

    response = client.post(url("data:import"), {"file": upload, "coach": people.eva.pk})

    assert response.status_code == 302
    assert Client.objects.filter(coach=people.eva).count() == 2


def test_the_page_refuses_a_coach_someone_may_not_assign(client: Browser, people: People) -> None:
    client.force_login(people.anna)
    upload = SimpleUploadedFile("caseload.csv", fixture("semicolon-bom.csv"), "text/csv")

    response = client.post(url("data:import"), {"file": upload, "coach": people.dirk.pk})

    assert response.status_code == 400
    assert 'aria-describedby="id_coach_error"' in response.content.decode()
    assert not Client.objects.exists()


def test_the_template_downloads_as_csv(client: Browser, people: People) -> None:
    client.force_login(people.anna)

    response = client.get(url("data:import_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").startswith("voornaam;achternaam;")


def test_an_admin_does_not_import_caseloads(client: Browser, people: People) -> None:
    client.force_login(people.carla)

    assert client.get(url("data:import")).status_code == 404


@pytest.mark.parametrize("cell", ["Pe\x00tra", "Petra\x1b[31m", '"Pe\ntra"', "Pe\ttra", "\x7f"])
def test_it_refuses_control_characters_by_row_and_column(people: People, cell: str) -> None:
    """A NUL crashed the import on PostgreSQL and was stored as is on SQLite."""
    data = f"voornaam,situatie,notities\nEen,working,\n{cell},working,\n".encode()

    problems = read_caseload(data).problems

    assert where(problems) == {(3, "voornaam")}
    assert "U+00" in problems[0].message
    with pytest.raises(CaseloadError):
        import_caseload(by=people.anna, coach=people.anna, data=data)
    assert not Client.objects.exists()


def test_notes_may_hold_tabs_and_line_breaks_but_no_other_control_characters(
    people: People,
) -> None:
    data = b'voornaam,situatie,Notities\nEen,working,"a\tb\r\nc"\nTwee,working,"a\x00b"\n'

    with translation.override("en"):
        problems = read_caseload(data).problems

    assert [(p.row, p.column, p.message) for p in problems] == [
        (3, "Notities", "Remove the control character U+0000: it cannot be stored.")
    ]
    clients = import_caseload(by=people.anna, coach=people.anna, data=data.split(b"Twee")[0])
    assert Client.objects.get(pk=clients[0].pk).notes == "a\tb\r\nc"


DOUBLE = (
    "voornaam;achternaam;telefoon;email;situatie\n"
    "Petra;de Vries;06 12345678;;working\n"
    "Kees;Jansen;;kees@example.org;working\n"
    "petra;De  Vries;+31 6-1234 5678;;working\n"
    "José;Bakker;;jose@example.org;working\n"
    "Jose;bakker;0612999999;JOSE@example.org;working\n"
    "Petra;de Vries;06 99999999;;working\n"
).encode()


def test_it_refuses_the_same_person_twice_in_one_file(people: People) -> None:
    with translation.override("en"), pytest.raises(CaseloadError) as refused:
        import_caseload(by=people.anna, coach=people.anna, data=DOUBLE)

    problems = refused.value.problems
    assert [(p.row, p.column) for p in problems] == [(4, ""), (6, "")]
    assert "row 2" in problems[0].message and "phone number" in problems[0].message
    assert "row 5" in problems[1].message and "e-mail address" in problems[1].message
    assert not Client.objects.exists()


def test_it_refuses_a_file_imported_twice_naming_the_existing_client(people: People) -> None:
    first = import_caseload(by=people.anna, coach=people.anna, data=fixture("semicolon-bom.csv"))

    with translation.override("en"), pytest.raises(CaseloadError) as refused:
        import_caseload(by=people.anna, coach=people.anna, data=fixture("semicolon-bom.csv"))

    # Only the first row has a phone or e-mail to match on; a name alone is not enough.
    problems = refused.value.problems
    assert [(p.row, p.column) for p in problems] == [(2, "")]
    assert f"client {first[0].pk}" in problems[0].message
    assert Client.objects.count() == 2


def test_it_compares_with_the_caseloads_the_importer_imports_into(people: People) -> None:
    import_caseload(by=people.eva, coach=people.eva, data=fixture("semicolon-bom.csv"))
    import_caseload(by=people.dirk, coach=people.dirk, data=fixture("semicolon-bom.csv"))
    # Eva's client is in Bram's team; Anna's own caseload is not Eva's.
    with pytest.raises(CaseloadError):
        import_caseload(by=people.bram, coach=people.anna, data=fixture("semicolon-bom.csv"))
    assert (
        len(import_caseload(by=people.anna, coach=people.anna, data=fixture("semicolon-bom.csv")))
        == 2
    )


def test_duplicates_are_imported_when_allowed(people: People) -> None:
    clients = import_caseload(by=people.anna, coach=people.anna, data=DOUBLE, allow_duplicates=True)
    assert len(clients) == 6


def test_the_page_refuses_duplicates_unless_the_box_is_ticked(
    client: Browser, people: People
) -> None:
    client.force_login(people.anna)

    def upload(**extra: object) -> Any:
        csv_file = SimpleUploadedFile("caseload.csv", DOUBLE, "text/csv")
        return client.post(url("data:import"), {"file": csv_file, "coach": people.anna.pk, **extra})

    refused = upload()
    assert refused.status_code == 400
    assert [p.row for p in refused.context["problems"]] == [4, 6]
    assert not Client.objects.exists()
    assert upload(allow_duplicates="on").status_code == 302
    assert Client.objects.count() == 6


def test_it_refuses_a_control_character_in_the_header_row(people: People) -> None:
    problems = read_caseload(b"voor\x00naam,situatie\nEen,working\n").problems

    assert where(problems) == {(1, "")}
    assert "U+0000" in problems[0].message
