"""``koers demo-data``: a demo workspace from the command line, never mixed with real clients."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from koers.cli.main import app
from koers.web.accounts.models import User
from koers.web.clients.models import Client, Contact

runner = CliRunner()
PASSWORD = "a demo passphrase"
SMALL = ["--clients", "30", "--contacts", "200", "--coaches", "4", "--seed", "5"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def koers(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["demo-data", *args], env={"KOERS_PASSWORD": PASSWORD})
    return result.exit_code, result.stdout, result.stderr


def test_it_makes_the_caseload_and_says_so_in_json() -> None:
    code, out, err = koers(*SMALL, "--json")
    assert code == 0, err
    made = json.loads(out)
    assert (made["clients"], made["contacts"], made["coaches"], made["teams"]) == (30, 200, 4, 1)
    assert made["password"] == PASSWORD
    assert (Client.objects.count(), Contact.objects.count()) == (30, 200)


def test_it_prints_a_login_that_works() -> None:
    code, out, err = koers(*SMALL)
    assert code == 0, err
    assert "demo.coach0001" in out and PASSWORD in out
    # Linking an authenticator needs an enrolment code from an admin (issue 14).
    assert "koers users reset-2fa demo.coach0001 prints one" in " ".join(out.split())
    assert User.objects.get(username="demo.coach0001").check_password(PASSWORD)
    assert User.objects.get(username="demo.admin").check_password(PASSWORD)


def test_it_refuses_a_workspace_with_clients_unless_told_to_reset() -> None:
    assert koers(*SMALL)[0] == 0
    first = list(Client.objects.values_list("id", flat=True))
    code, _, err = koers("--clients", "5", "--contacts", "5")
    assert code == 1
    assert "--reset" in err
    assert list(Client.objects.values_list("id", flat=True)) == first
    code, _, err = koers("--clients", "5", "--contacts", "5", "--reset", "--json")
    assert code == 0, err
    assert Client.objects.count() == 5 and not Client.objects.filter(id__in=first).exists()
