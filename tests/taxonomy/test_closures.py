"""The closed-work list: which work was shut down in March 2020, and which went on."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.closures import ENV_VARIABLE, ClosedWork, ClosedWorkError, continues
from koers.taxonomy.vitality import NOT_VITAL, Vitality
from tests.transitions.test_ranker import BARBER, COOK, HAIRDRESSER, NURSE, SHOP_ASSISTANT

SMALL = Path(__file__).parent.parent / "fixtures" / "closed-work" / "small.toml"


@pytest.fixture(scope="module")
def small() -> ClosedWork:
    return ClosedWork.load(SMALL)


def test_it_closes_work_by_the_longest_isco_prefix(
    small: ClosedWork, mini_taxonomy: Taxonomy
) -> None:
    group = small.group_of(mini_taxonomy.occupation(HAIRDRESSER))
    assert group is not None and group.id == "kappers"
    assert group.source.title == "Maatregelen van 23 maart 2020"
    assert group.reason["nl"] == "Kappers moesten stoppen."


def test_it_closes_an_occupation_named_by_uri(small: ClosedWork, mini_taxonomy: Taxonomy) -> None:
    group = small.group_of(mini_taxonomy.occupation(SHOP_ASSISTANT))
    assert group is not None and group.id == "horeca"


def test_an_exception_is_work_that_went_on(small: ClosedWork, mini_taxonomy: Taxonomy) -> None:
    barber = mini_taxonomy.occupation(BARBER)
    assert small.group_of(barber) is None
    assert small.continues(barber, NOT_VITAL)


def test_vital_work_always_continues(small: ClosedWork, mini_taxonomy: Taxonomy) -> None:
    cook = mini_taxonomy.occupation(COOK)
    assert not small.continues(cook, NOT_VITAL)
    assert small.continues(cook, Vitality("crucial"))
    assert small.continues(cook, Vitality("secondary"))


def test_the_shipped_list_closes_hairdressers_and_cooks_but_not_nurses(
    mini_taxonomy: Taxonomy,
) -> None:
    assert not continues(mini_taxonomy.occupation(HAIRDRESSER))
    assert not continues(mini_taxonomy.occupation(COOK))
    assert continues(mini_taxonomy.occupation(NURSE))
    assert continues(mini_taxonomy.occupation(SHOP_ASSISTANT))


def test_every_shipped_group_has_a_source_with_a_url_and_reasons() -> None:
    shipped = ClosedWork.load()
    assert {g.id for g in shipped.groups} >= {"horeca", "contactberoepen", "reizen"}
    for group in shipped.groups:
        assert group.source.url.startswith("https://")
        assert group.reason["nl"] and group.reason["en"]


def test_the_environment_variable_chooses_another_file(
    monkeypatch: pytest.MonkeyPatch, mini_taxonomy: Taxonomy
) -> None:
    monkeypatch.setenv(ENV_VARIABLE, str(SMALL))
    assert [g.id for g in ClosedWork.load().groups] == ["kappers", "horeca"]


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "closed.toml"
    path.write_text(SMALL.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('source = "maart"', 'source = "april"', "groups[0].source: 'april' is not a"),
        ('isco = ["514"]', 'isco = ["51x"]', "groups[0].isco: '51x' is not an ISCO-08 code"),
        ('isco = ["514"]', "isco = 514", "groups[0].isco: expected a list of strings"),
        ('reason_nl = "Kappers moesten stoppen."', "", "groups[0].reason_nl: missing or empty"),
        (
            'name_en = "Hairdressers"',
            'name_en = "Hairdressers"\ncolour = "red"',
            "groups[0].colour: unknown field",
        ),
        (
            'isco = ["5120"]',
            'isco = ["514"]',
            "groups[1].isco: '514' is already claimed by group 'kappers'",
        ),
        ('id = "horeca"', 'id = "kappers"', "groups[1].id: 'kappers' is used twice"),
        ('reason = "the barber', 'why = "the barber', "exceptions[0].why: unknown field"),
        (
            'uri = "http://data.europa.eu/esco/occupation/4e0c',
            'uri = "http://example.org/4e0c',
            "exceptions[0].uri: 'http://example.org/",
        ),
        (
            'publisher = "Rijksoverheid"',
            "publisher = 3",
            "sources.maart.publisher: expected a string",
        ),
        (
            'url = "https://www.rijksoverheid.nl/"',
            'url = "www.rijksoverheid.nl"',
            "sources.maart.url:",
        ),
        ("[[groups]]", "[[groepen]]", "unknown top-level key 'groepen'"),
        ('isco = ["514"]', "isco = [", "not valid TOML"),
    ],
)
def test_a_wrong_entry_is_named_with_file_entry_and_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(ClosedWorkError) as raised:
        ClosedWork.load(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ClosedWorkError, match=r"closed\.toml: the closed-work file does not exist"):
        ClosedWork.load(tmp_path / "closed.toml")
