"""The vitality mapping: matching by exception and ISCO prefix, loading errors, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.taxonomy import Taxonomy
from koers.taxonomy.vitality import (
    ENV_VARIABLE,
    Vitality,
    VitalityError,
    VitalityMap,
    default_path,
)

OCCUPATION = "http://data.europa.eu/esco/occupation/"
BUS_DRIVER = OCCUPATION + "00cee175-1376-43fb-9f02-ba3d7a910a58"
CARGO_DRIVER = OCCUPATION + "45037d43-a8f5-4f46-b332-b2935bc305f4"
HAIRDRESSER = OCCUPATION + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
CAREER_ADVISOR = OCCUPATION + "5d0cc30d-068a-424c-8463-f42872a7149e"
NURSE = OCCUPATION + "8d3e8aaa-791b-4c75-a465-f3f827028f50"
CARE_ASSISTANT = OCCUPATION + "d38c2107-98f2-47b7-8bb4-f69750d51082"
SHELF_FILLER = OCCUPATION + "d35f9e79-5778-43b4-8667-0e3ba1fcb19a"
COOK = OCCUPATION + "90f75f67-495d-49fa-ab57-2f320e251d7e"
BUILDING_CLEANER = OCCUPATION + "303a1e34-cb16-4054-b323-81e5eec17397"
TEACHER = OCCUPATION + "03d79393-7b30-4159-945b-01963eddd302"
CARPENTER = OCCUPATION + "2a22ff9e-de3b-408d-b312-5034896cc4f4"
SALES_ASSISTANT = OCCUPATION + "9ba74e8a-c40c-4228-9998-eb3c7a5c11df"
SHOP_ASSISTANT = OCCUPATION + "0b15375e-dfdd-4047-9efb-096e0aaee7d2"
PSYCHOLOGIST = OCCUPATION + "52ded7d7-11df-42e3-b90a-d7f4b70fb4b9"
MADE_UP = OCCUPATION + "00000000-0000-0000-0000-000000000000"

# A small mapping over ISCO groups that the mini fixture has.
MAPPING = f"""
[sources.list]
title = "The list"
publisher = "Government"
date = "2020-03"
url = "https://example.org/list"

[sources.own]
title = "Own choice"
publisher = "Koers"

[[groups]]
id = "care"
class = "crucial"
name_nl = "Zorg"
name_en = "Health care"
reason_nl = "Zorg stond op de lijst."
reason_en = "Care was on the list."
source = "list"
isco = ["22", "5321"]

[[groups]]
id = "transport"
class = "crucial"
name_nl = "Vervoer"
name_en = "Transport"
reason_nl = "Vervoer stond op de lijst."
reason_en = "Transport was on the list."
source = "list"
isco = ["83"]

[[groups]]
id = "bus"
class = "crucial"
name_nl = "Openbaar vervoer"
name_en = "Public transport"
reason_nl = "Bussen stonden op de lijst."
reason_en = "Buses were on the list."
source = "list"
isco = ["8331"]

[[groups]]
id = "guidance"
class = "secondary"
name_nl = "Loopbaan"
name_en = "Careers"
reason_nl = "Helpt mensen aan nieuw werk."
reason_en = "Helps people to new work."
source = "own"
isco = []

[[exceptions]]
uri = "{CAREER_ADVISOR}"
class = "secondary"
group = "guidance"
reason = "Career guidance, unlike the rest of 2423."

[[exceptions]]
uri = "{CARE_ASSISTANT}"
class = "none"
reason = "A test: an exception wins over the ISCO group."
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vitality.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str = MAPPING) -> VitalityMap:
    return VitalityMap.load(write(tmp_path, text))


def vitality(mapping: VitalityMap, taxonomy: Taxonomy, uri: str) -> Vitality:
    return mapping.of(taxonomy.occupation(uri))


# -- matching -------------------------------------------------------------------------------


def test_it_takes_the_group_with_the_longest_matching_isco_prefix(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    mapping = load(tmp_path)
    assert vitality(mapping, mini_taxonomy, BUS_DRIVER).group == "bus"
    assert vitality(mapping, mini_taxonomy, CARGO_DRIVER).group == "transport"
    assert vitality(mapping, mini_taxonomy, NURSE).group == "care"


def test_it_lets_an_exception_win_over_the_isco_groups(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    mapping = load(tmp_path)
    assert mini_taxonomy.occupation(CARE_ASSISTANT).isco_group == "5321"
    assert vitality(mapping, mini_taxonomy, CARE_ASSISTANT) == Vitality("none")
    advisor = vitality(mapping, mini_taxonomy, CAREER_ADVISOR)
    assert (advisor.vital_class, advisor.group) == ("secondary", "guidance")


def test_it_gives_none_to_occupations_that_no_group_covers(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    result = vitality(load(tmp_path), mini_taxonomy, HAIRDRESSER)
    assert result == Vitality("none")
    assert result.as_dict("nl") == {"class": "none", "group": "", "reason": "", "source": ""}


def test_it_gives_the_group_reason_and_source_in_the_chosen_language(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    result = vitality(load(tmp_path), mini_taxonomy, NURSE)
    assert result.group_name == {"nl": "Zorg", "en": "Health care"}
    assert result.source == "The list. Government, 2020-03. https://example.org/list"
    assert result.as_dict("nl") == {
        "class": "crucial",
        "group": "Zorg",
        "reason": "Zorg stond op de lijst.",
        "source": result.source,
    }
    assert result.as_dict("en")["reason"] == "Care was on the list."
    assert result.as_dict("fr")["group"] == "Health care"


# -- loading --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('[[groups]]\nid = "transport"', '[[groups]]\nid = "transport', "not valid TOML"),
        ('id = "transport"\n', "", "groups[1].id: missing"),
        ('isco = ["83"]', 'isco = "83"', "groups[1].isco: expected a list"),
        ('isco = ["83"]', "isco = [83]", "groups[1].isco: expected a list"),
        ('reason_nl = "Bussen', 'reson_nl = "Bussen', "groups[2].reson_nl: unknown field"),
        (
            'class = "secondary"\nname_nl',
            "class = 2\nname_nl",
            "groups[3].class: expected a string",
        ),
        ('class = "none"', "", "exceptions[1].class: missing"),
        ('title = "Own choice"', "title = 1", "sources.own.title: expected a string"),
        ("[sources.own]", "[extra.own]", "unknown top-level key 'extra'"),
    ],
)
def test_it_names_the_file_entry_and_field_of_a_malformed_file(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in MAPPING
    path = write(tmp_path, MAPPING.replace(old, new, 1))
    with pytest.raises(VitalityError) as caught:
        VitalityMap.load(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_it_says_when_the_file_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.toml"
    with pytest.raises(VitalityError, match="does not exist") as caught:
        VitalityMap.load(missing)
    assert str(missing) in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_it_rejects_exceptions_that_are_not_a_list_of_tables(tmp_path: Path) -> None:
    text = 'exceptions = "none"\n' + MAPPING[: MAPPING.index("[[exceptions]]")]
    with pytest.raises(VitalityError, match=r"exceptions: expected \[\[exceptions\]\] entries"):
        load(tmp_path, text)


# -- validation -----------------------------------------------------------------------------


def test_it_finds_no_problems_in_a_good_file(tmp_path: Path, mini_taxonomy: Taxonomy) -> None:
    mapping = load(tmp_path)
    assert mapping.validate() == []
    assert mapping.validate(mini_taxonomy) == []


EXTRA_GROUP = """
[[groups]]
id = "{id}"
class = "{cls}"
name_nl = "Naam"
name_en = "Name"
reason_nl = "Reden."
reason_en = "Reason."
source = "{source}"
isco = [{isco}]
"""

EXTRA_EXCEPTION = """
[[exceptions]]
uri = "{uri}"
class = "{cls}"
group = "{group}"
reason = "{reason}"
"""


def group(id: str = "extra", cls: str = "crucial", source: str = "list", isco: str = '"23"') -> str:
    return EXTRA_GROUP.format(id=id, cls=cls, source=source, isco=isco)


def exception(
    uri: str = TEACHER, cls: str = "crucial", group: str = "care", reason: str = "Why."
) -> str:
    return EXTRA_EXCEPTION.format(uri=uri, cls=cls, group=group, reason=reason)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (group(source="nowhere"), "groups[4] 'extra': source 'nowhere' is not a [sources.<id>]"),
        (group(id="care"), "groups[0] 'care': the id 'care' is used by more than one group"),
        (group(cls="vital"), "groups[4] 'extra': class 'vital' must be one of crucial, secondary"),
        (group(isco='"23x"'), "groups[4] 'extra': isco '23x' is not an ISCO-08 code"),
        (group(isco='"23411"'), "isco '23411' is not an ISCO-08 code (1 to 4 digits)"),
        (group(isco='""'), "isco '' is not an ISCO-08 code"),
        (group(isco='"8331"'), "groups[4] 'extra': isco '8331' is already claimed by group 'bus'"),
        (group(isco='"23", "23"'), "groups[4] 'extra': isco '23' is listed twice"),
        (group(isco=""), "groups[4] 'extra': maps no ISCO code and no exception points to it"),
        (group(id=""), "groups[4]: id is empty"),
        (exception(cls="vital"), "exceptions[2]: class 'vital' must be one of"),
        (exception(group="nothing"), "exceptions[2]: group 'nothing' is not a [[groups]] id"),
        (exception(cls="secondary"), "class 'secondary' differs from the class 'crucial'"),
        (exception(group=""), "exceptions[2]: class 'crucial' needs a group"),
        (exception(cls="none"), "exceptions[2]: class 'none' differs from the class 'crucial'"),
        (exception(reason=" "), "exceptions[2]: reason is missing"),
        (exception(uri="urn:nurse"), "exceptions[2]: uri 'urn:nurse' is not an ESCO occupation"),
        (exception(uri=CAREER_ADVISOR), f"uri {CAREER_ADVISOR} has more than one exception"),
    ],
)
def test_it_finds_each_kind_of_problem(tmp_path: Path, extra: str, expected: str) -> None:
    problems = load(tmp_path, MAPPING + extra).validate()
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('reason_en = "Buses were on the list."', "", "groups[2] 'bus': reason_en is missing"),
        ('reason_nl = "Zorg stond op de lijst."', 'reason_nl = ""', "'care': reason_nl is missing"),
        ('name_en = "Careers"', "", "groups[3] 'guidance': name_en is missing"),
        ('reason = "Career guidance', 'note = "Career guidance', "unknown field"),
        ('publisher = "Koers"', 'publisher = ""', "sources.own: publisher is empty"),
        ('url = "https://example.org/list"', 'url = "example.org"', "url 'example.org' does not"),
    ],
)
def test_it_finds_missing_texts(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in MAPPING
    text = MAPPING.replace(old, new, 1)
    try:
        problems = load(tmp_path, text).validate()
    except VitalityError as exc:
        problems = [str(exc)]
    assert any(expected in problem for problem in problems), problems


def test_it_checks_isco_codes_and_uris_against_the_knowledge_base(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    extra = group(isco='"0110"') + exception(uri=MADE_UP)
    mapping = load(tmp_path, MAPPING + extra)
    assert mapping.validate() == []
    problems = mapping.validate(mini_taxonomy)
    assert problems == [
        "groups[4] 'extra': isco '0110' is not an ISCO group in ESCO",
        f"exceptions[2]: uri {MADE_UP} is not an occupation in ESCO",
    ]


def test_it_reports_exceptions_that_change_nothing(tmp_path: Path, mini_taxonomy: Taxonomy) -> None:
    extra = exception(uri=NURSE) + exception(uri=HAIRDRESSER, cls="none", group="")
    problems = load(tmp_path, MAPPING + extra).validate(mini_taxonomy)
    assert len(problems) == 2
    assert "exceptions[2]: not needed: 'nurse responsible for general care'" in problems[0]
    assert "is already in group 'care'" in problems[0]
    assert "exceptions[3]: not needed" in problems[1] and "class 'none'" in problems[1]


def test_it_counts_occupations_per_class_and_group(tmp_path: Path, mini_taxonomy: Taxonomy) -> None:
    summary = load(tmp_path).summary(mini_taxonomy)
    assert summary["occupations"] == len(mini_taxonomy.occupations) == 23
    # crucial: nurse (care), bus driver (bus), cargo vehicle driver (transport)
    assert summary["classes"] == {"crucial": 3, "secondary": 1, "none": 19}
    counts = {g["id"]: (g["occupations"], g["by_exception"]) for g in summary["groups"]}
    assert counts == {"care": (1, 0), "transport": (1, 0), "bus": (1, 0), "guidance": (1, 1)}
    assert summary["exceptions"] == 2


# -- not on the list, with the reason why ----------------------------------------------------

# Shops were not on the list, supermarkets were: the way psychologists outside and inside
# health care are mapped, on occupations that the mini fixture has.
NOT_ON_THE_LIST = """
[[groups]]
id = "shops"
class = "none"
name_nl = "Winkels"
name_en = "Shops"
reason_nl = "Alleen de supermarkt stond op de lijst."
reason_en = "Only supermarkets were on the list."
source = "list"
isco = ["5223"]

[[groups]]
id = "food"
class = "crucial"
name_nl = "Voedselketen"
name_en = "Food supply chain"
reason_nl = "De supermarkt stond op de lijst."
reason_en = "Supermarkets were on the list."
source = "list"
isco = []
""" + exception(uri=SHOP_ASSISTANT, group="food", reason="Fills supermarket shelves.")


def test_it_tells_why_work_next_to_the_list_was_not_on_it(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    mapping = load(tmp_path, MAPPING + NOT_ON_THE_LIST)
    assert mapping.validate(mini_taxonomy) == []
    seller = vitality(mapping, mini_taxonomy, SALES_ASSISTANT)
    assert seller.as_dict("nl") == {
        "class": "none",
        "group": "Winkels",
        "reason": "Alleen de supermarkt stond op de lijst.",
        "source": "The list. Government, 2020-03. https://example.org/list",
    }
    shelves = vitality(mapping, mini_taxonomy, SHOP_ASSISTANT)
    assert (shelves.vital_class, shelves.group) == ("crucial", "food")
    summary = mapping.summary(mini_taxonomy)
    assert summary["classes"] == {"crucial": 4, "secondary": 1, "none": 18}
    counts = {g["id"]: (g["class"], g["occupations"]) for g in summary["groups"]}
    assert counts["shops"] == ("none", 1) and counts["food"] == ("crucial", 1)


def test_an_exception_can_point_to_a_group_that_was_not_on_the_list(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    extra = NOT_ON_THE_LIST + exception(uri=TEACHER, cls="none", group="shops")
    mapping = load(tmp_path, MAPPING + extra)
    assert mapping.validate(mini_taxonomy) == []
    assert vitality(mapping, mini_taxonomy, TEACHER).group == "shops"
    redundant = NOT_ON_THE_LIST + exception(uri=SALES_ASSISTANT, cls="none", group="shops")
    problems = load(tmp_path, MAPPING + redundant).validate(mini_taxonomy)
    assert len(problems) == 1 and "not needed: 'sales assistant'" in problems[0], problems
    wrong = NOT_ON_THE_LIST + exception(uri=TEACHER, cls="crucial", group="shops")
    problems = load(tmp_path, MAPPING + wrong).validate()
    assert problems == [
        "exceptions[3]: class 'crucial' differs from the class 'none' of group 'shops'"
    ]


# -- examples: occupations whose class the sources settle ------------------------------------

EXTRA_EXAMPLE = """
[[examples]]
uri = "{uri}"
class = "{cls}"
group = "{group}"
note = "{note}"
"""


def example(uri: str, cls: str = "none", group: str = "", note: str = "The post.") -> str:
    return EXTRA_EXAMPLE.format(uri=uri, cls=cls, group=group, note=note)


def test_it_checks_the_examples_against_the_knowledge_base(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    examples = example(HAIRDRESSER) + example(CAREER_ADVISOR, "secondary", "guidance")
    mapping = load(tmp_path, MAPPING + examples)
    assert mapping.validate(mini_taxonomy) == []
    results = mapping.check_examples(mini_taxonomy)
    assert [(r.label, r.code, r.ok) for r in results] == [
        ("kapper", "5141.1", True),
        ("loopbaanadviseur", "2423.1", True),
    ]
    assert results[1].as_dict("nl")["vitality"]["group"] == "Loopbaan"


def test_it_reports_an_example_the_mapping_gets_wrong(
    tmp_path: Path, mini_taxonomy: Taxonomy
) -> None:
    examples = (
        example(NURSE)
        + example(CAREER_ADVISOR, "secondary", "care")
        + example(MADE_UP)
        + example(HAIRDRESSER)
    )
    mapping = load(tmp_path, MAPPING + examples)
    assert mapping.validate() == []
    assert mapping.validate(mini_taxonomy) == [
        "examples[0]: 'algemeen verpleegkundige' (2221.2) is crucial in 'care', expected none",
        "examples[1]: 'loopbaanadviseur' (2423.1) is secondary in 'guidance', "
        "expected secondary in 'care'",
        f"examples[2]: uri {MADE_UP} is not an occupation in ESCO",
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (example("urn:kapper"), "examples[0]: uri 'urn:kapper' is not an ESCO occupation URI"),
        (example(HAIRDRESSER, cls="vital"), "examples[0]: class 'vital' must be one of"),
        (example(HAIRDRESSER, group="nothing"), "examples[0]: group 'nothing' is not a"),
        (example(HAIRDRESSER, note=" "), "examples[0]: note is missing"),
    ],
)
def test_it_finds_each_kind_of_problem_in_an_example(
    tmp_path: Path, extra: str, expected: str
) -> None:
    problems = load(tmp_path, MAPPING + extra).validate()
    assert any(expected in problem for problem in problems), problems


def test_it_names_the_field_of_a_malformed_example(tmp_path: Path) -> None:
    with pytest.raises(VitalityError, match=r"examples\[0\]\.reason: unknown field"):
        load(tmp_path, MAPPING + example(HAIRDRESSER).replace("note =", "reason ="))
    with pytest.raises(VitalityError, match=r"examples: expected \[\[examples\]\] entries"):
        load(tmp_path, 'examples = "kapper"\n' + MAPPING)


# -- the mapping shipped with Koers ----------------------------------------------------------


@pytest.fixture(scope="module")
def packaged() -> VitalityMap:
    return VitalityMap.load()


def test_it_ships_a_mapping_without_structural_problems(packaged: VitalityMap) -> None:
    assert packaged.validate() == []
    assert {g.vital_class for g in packaged.groups} == {"crucial", "secondary", "none"}
    assert all(packaged.sources[g.source].url or g.source == "koers" for g in packaged.groups)


def test_it_ships_a_mapping_whose_only_mini_problems_are_missing_codes_and_uris(
    packaged: VitalityMap, mini_taxonomy: Taxonomy
) -> None:
    problems = packaged.validate(mini_taxonomy)
    assert problems
    assert all(
        p.endswith("is not an ISCO group in ESCO") or p.endswith("is not an occupation in ESCO")
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("uri", "vital_class", "group"),
    [
        (NURSE, "crucial", "zorg"),
        (CARE_ASSISTANT, "crucial", "zorg"),
        (BUS_DRIVER, "crucial", "openbaar-vervoer"),
        (TEACHER, "crucial", "onderwijs"),
        (SHELF_FILLER, "crucial", "voedselketen"),
        (HAIRDRESSER, "none", ""),
        (COOK, "none", ""),
        (CARPENTER, "none", ""),
        (SALES_ASSISTANT, "none", ""),
        (CAREER_ADVISOR, "secondary", "loopbaan"),
        (BUILDING_CLEANER, "secondary", "schoonmaak-beveiliging"),
    ],
)
def test_it_ships_a_mapping_that_puts_well_known_occupations_where_expected(
    packaged: VitalityMap, mini_taxonomy: Taxonomy, uri: str, vital_class: str, group: str
) -> None:
    result = vitality(packaged, mini_taxonomy, uri)
    assert (result.vital_class, result.group) == (vital_class, group)
    if group:
        assert result.reason["nl"] and result.reason["en"] and result.source


def test_it_ships_the_occupations_the_seed_post_names_as_examples(packaged: VitalityMap) -> None:
    """'Kapper, kok, verkoper, timmerman en psycholoog ook niet': not on the list; career
    guidance secondary. The full-data tests check them against the whole of ESCO."""
    expected = {
        HAIRDRESSER: "none",
        COOK: "none",
        SALES_ASSISTANT: "none",
        CARPENTER: "none",
        PSYCHOLOGIST: "none",
        CAREER_ADVISOR: "secondary",
    }
    examples = {e.uri: e.vital_class for e in packaged.examples}
    assert {uri: examples.get(uri) for uri in expected} == expected
    assert all(e.note for e in packaged.examples)


def test_the_shipped_examples_hold_for_every_occupation_the_mini_fixture_has(
    packaged: VitalityMap, mini_taxonomy: Taxonomy
) -> None:
    known = [r for r in packaged.check_examples(mini_taxonomy) if r.label]
    assert {r.label for r in known} >= {"kapper", "kok", "verkoopmedewerker", "timmerman"}
    assert all(r.ok for r in known), [r.as_dict() for r in known if not r.ok]


def test_it_reads_the_file_named_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    shipped = default_path()
    assert shipped.name == "vitality.toml" and shipped.is_file()
    own = write(tmp_path, MAPPING)
    monkeypatch.setenv(ENV_VARIABLE, str(own))
    assert default_path() == own
    assert [g.id for g in VitalityMap.load(default_path()).groups] == [
        "care",
        "transport",
        "bus",
        "guidance",
    ]
