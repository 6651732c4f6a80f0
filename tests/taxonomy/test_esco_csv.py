"""Importing ESCO CSV packages: counts, merging by URI, and every way the input can be wrong."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from koers.taxonomy import EscoImportError, Taxonomy, import_esco
from koers.taxonomy.esco_csv.finish import EXPLORER_LANGUAGES
from tests.conftest import (
    EN,
    NL,
    NL_SKILL_LABELS,
    RELATIONS,
    mini_inputs,
    with_skill_labels,
    zip_folder,
)

HAIRDRESSER = "http://data.europa.eu/esco/occupation/099c6bb0-22d3-4c5d-8bf5-70910af381ef"


def rewrite(path: Path, edit: Any) -> None:
    """Apply ``edit(rows)`` to a CSV file's rows (header included) and write it back."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def failure(paths: list[Path]) -> EscoImportError:
    with pytest.raises(EscoImportError) as caught:
        import_esco(paths)
    return caught.value


def test_it_imports_the_fixtures_with_the_expected_counts(
    mini_taxonomy: Taxonomy, expected: dict[str, Any]
) -> None:
    info = mini_taxonomy.info()
    for key in ("occupations", "skills", "occupation_skill_relations", "isco_groups"):
        assert info[key] == expected[key], key
    assert info["labels"] == expected["labels"]
    assert info["skill_groups"] == expected["skill_groups"]


def test_zips_and_folders_give_the_same_knowledge_base(tmp_path: Path) -> None:
    zipped = [zip_folder(folder, tmp_path / f"{folder.name}.zip") for folder in mini_inputs()]
    from_zips, _ = import_esco(zipped)
    from_folders, _ = import_esco(mini_inputs())
    assert from_zips.info() | {"sources": None} == from_folders.info() | {"sources": None}


def test_the_base_gives_concepts_and_other_packages_add_labels(mini_taxonomy: Taxonomy) -> None:
    hairdresser = mini_taxonomy.occupation(HAIRDRESSER)
    assert hairdresser.label("en") == "hairdresser"
    assert hairdresser.label("nl") == "kapper"
    assert "kapster" in hairdresser.texts["nl"].alt
    assert hairdresser.isco_group == "5141"
    assert hairdresser.nace_codes, "NACE codes come from the v1.2 Dutch package"


def test_english_is_the_fallback_label(mini_taxonomy: Taxonomy) -> None:
    without_dutch = [o for o in mini_taxonomy.occupations if "nl" not in o.texts]
    assert without_dutch
    assert without_dutch[0].label("nl") == without_dutch[0].label("en")


def test_relations_to_missing_concepts_are_skipped_with_a_warning(expected: dict[str, Any]) -> None:
    taxonomy, report = import_esco(mini_inputs())
    missing = [w for w in report.warnings if w.kind == "missing_endpoint"]
    assert (
        taxonomy.relation_stats.occupation_skill_rows_skipped == expected["relation_rows_skipped"]
    )
    assert {w.file.rsplit("/", 1)[-1] for w in missing} >= {"occupationSkillRelations.csv"}
    assert all(w.row > 1 and w.column for w in missing)


def test_duplicates_differing_only_in_date_keep_the_newest() -> None:
    _, report = import_esco(mini_inputs())
    duplicates = [w for w in report.warnings if w.kind == "duplicate"]
    assert len(duplicates) == 1
    assert duplicates[0].file.endswith("occupations_nl.csv")
    assert "the newest" in duplicates[0].message


def test_labels_for_concepts_the_base_lacks_are_warnings() -> None:
    _, report = import_esco(mini_inputs())
    assert any(w.kind == "unknown_concept" for w in report.warnings)


def test_relation_files_outside_the_base_are_ignored_with_a_notice() -> None:
    _, report = import_esco(mini_inputs())
    ignored = {n.file.rsplit("/", 1)[-1] for n in report.notices}
    assert {"skillSkillRelations_nl.csv", "broaderRelationsOccPillar_nl.csv"} <= ignored


def test_an_empty_skill_type_is_a_warning() -> None:
    _, report = import_esco(mini_inputs())
    assert any(w.kind == "empty_enum" and w.column == "skillType" for w in report.warnings)


def test_a_missing_column_names_file_and_column(esco_mini: Path) -> None:
    rewrite(esco_mini / EN / "occupations_en.csv", lambda rows: rows[0].__setitem__(1, "uri"))
    error = failure(mini_inputs(esco_mini)).report.errors[0]
    assert error.file.endswith("occupations_en.csv")
    assert (error.row, error.column) == (1, "conceptUri")


def test_a_broken_row_names_its_row(esco_mini: Path) -> None:
    rewrite(esco_mini / EN / "skills_en.csv", lambda rows: rows[3].extend(["x", "y"]))
    error = failure(mini_inputs(esco_mini)).report.errors[0]
    assert error.file.endswith("skills_en.csv")
    assert error.row == 4
    assert "broken row" in error.message


def test_a_malformed_uri_is_an_error(esco_mini: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[2][rows[0].index("skillUri")] = "https://example.org/skill/1"

    rewrite(esco_mini / RELATIONS / "occupationSkillRelations.csv", edit)
    error = failure(mini_inputs(esco_mini)).report.errors[0]
    assert (error.row, error.column) == (3, "skillUri")
    assert "malformed URI" in error.message


def test_a_conflicting_duplicate_uri_is_an_error(esco_mini: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        twin = list(rows[1])
        twin[rows[0].index("preferredLabel")] = "something else entirely"
        rows.append(twin)

    rewrite(esco_mini / EN / "occupations_en.csv", edit)
    error = failure(mini_inputs(esco_mini)).report.errors[0]
    assert error.kind == "duplicate_conflict"
    assert "row 2" in error.message


def test_an_unknown_relation_type_is_an_error(esco_mini: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("relationType")] = "mandatory"

    rewrite(esco_mini / RELATIONS / "occupationSkillRelations.csv", edit)
    error = failure(mini_inputs(esco_mini)).report.errors[0]
    assert (error.row, error.column) == (2, "relationType")


def test_a_truncated_zip_is_an_error(esco_mini: Path, tmp_path: Path) -> None:
    archive = zip_folder(esco_mini / RELATIONS, tmp_path / "relations.zip")
    archive.write_bytes(archive.read_bytes()[:2000])
    error = failure([esco_mini / EN, archive]).report.errors[0]
    assert error.file == "relations.zip"
    assert "zip" in error.message


def test_without_relations_there_is_no_base(esco_mini: Path) -> None:
    error = failure([esco_mini / EN, esco_mini / NL]).report.errors[0]
    assert error.kind == "no_base"


def test_an_unknown_csv_file_is_a_warning(esco_mini: Path) -> None:
    (esco_mini / NL / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    _, report = import_esco(mini_inputs(esco_mini))
    assert any(w.kind == "unknown_file" and w.file.endswith("notes.csv") for w in report.warnings)


def test_v1_2_relation_files_per_language_with_label_columns_are_read(esco_mini: Path) -> None:
    """ESCO v1.2 ships relations per language, with label columns beside the URIs."""
    folder = esco_mini / RELATIONS
    for path in sorted(folder.iterdir()):
        renamed = path.with_name(path.stem + "_en.csv")
        path.rename(renamed)

        def add_labels(rows: list[list[str]]) -> None:
            rows[0].append("occupationLabel")
            for row in rows[1:]:
                row.append("some label")

        rewrite(renamed, add_labels)
    plain, _ = import_esco(mini_inputs())
    per_language, report = import_esco(mini_inputs(esco_mini))
    assert (
        per_language.info()["occupation_skill_relations"]
        == plain.info()["occupation_skill_relations"]
    )
    assert not report.errors


COMPUTER_PROGRAMMING = "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97"
LISTEN_ACTIVELY = "http://data.europa.eu/esco/skill/a17286c5-238d-4f0b-bc24-29e9121345de"
RELATIEMARKETING = "http://data.europa.eu/esco/skill/0e54cc0e-6cef-41ec-bd8c-e8e8778969ec"


def test_a_labels_only_file_gives_skills_their_dutch_names_and_no_new_concepts(
    mini_taxonomy: Taxonomy,
) -> None:
    taxonomy, _ = import_esco(with_skill_labels())
    info = taxonomy.info()
    assert info["skills"] == mini_taxonomy.info()["skills"]
    assert info["labels"]["nl"]["skills"] == 65
    assert mini_taxonomy.skill(LISTEN_ACTIVELY).label_and_language("nl") == (
        "listen actively",
        "en",
    )
    assert taxonomy.skill(LISTEN_ACTIVELY).label_and_language("nl") == ("actief luisteren", "nl")
    assert any("nl" in source.languages for source in taxonomy.sources if "labels" in source.name)


def test_a_label_for_a_skill_the_base_lacks_is_a_warning_with_file_and_row() -> None:
    taxonomy, report = import_esco(with_skill_labels())
    unknown = [w for w in report.warnings if w.file.endswith("skill_labels_nl.csv")]
    assert [(w.kind, w.row, w.column) for w in unknown] == [("unknown_concept", 5, "conceptUri")]
    assert RELATIEMARKETING in unknown[0].message
    assert RELATIEMARKETING not in taxonomy.skill_index


def test_an_official_label_wins_over_the_labels_file_with_one_counted_notice() -> None:
    taxonomy, report = import_esco(with_skill_labels())
    assert taxonomy.skill(COMPUTER_PROGRAMMING).label("nl") == "computerprogrammering"
    conflicts = [n for n in report.notices if "differ" in n.message]
    assert len(conflicts) == 1
    assert conflicts[0].message.startswith("1 label(s) differ")
    assert conflicts[0].file.endswith("skill_labels_nl.csv")


def test_an_empty_label_in_the_labels_file_is_a_warning_and_adds_nothing(esco_mini: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        row = next(r for r in rows if r[0] == LISTEN_ACTIVELY)
        row[1] = " "

    rewrite(esco_mini / NL_SKILL_LABELS / "skill_labels_nl.csv", edit)
    taxonomy, report = import_esco(with_skill_labels(esco_mini))
    empty = [w for w in report.warnings if w.kind == "empty_label"]
    assert [(w.column, w.file.endswith("skill_labels_nl.csv")) for w in empty] == [
        ("preferredLabel", True)
    ]
    assert taxonomy.skill(LISTEN_ACTIVELY).label_and_language("nl")[1] == "en"


@pytest.mark.parametrize(
    ("header", "column"),
    [(["uri", "preferredLabel"], "conceptUri"), (["conceptUri", "preferredLabel", "x"], "x")],
)
def test_a_labels_file_with_another_header_is_an_error(
    esco_mini: Path, header: list[str], column: str
) -> None:
    path = esco_mini / NL_SKILL_LABELS / "skill_labels_nl.csv"

    def edit(rows: list[list[str]]) -> None:
        rows[0] = header
        for row in rows[1:]:
            row.extend([""] * (len(header) - len(row)))

    rewrite(path, edit)
    error = failure(with_skill_labels(esco_mini)).report.errors[0]
    assert error.file.endswith("skill_labels_nl.csv")
    assert (error.row, error.column, error.kind) == (1, column, "bad_header")


def test_too_few_dutch_skill_names_is_a_warning_naming_the_language_and_the_share() -> None:
    _, report = import_esco(mini_inputs())
    coverage = [w for w in report.warnings if w.kind == "label_coverage"]
    assert len(coverage) == 1
    assert "'nl'" in coverage[0].message
    assert "14% of the skills linked to an occupation (9 of 63)" in coverage[0].message


def test_with_the_dutch_skill_names_the_coverage_warning_goes() -> None:
    _, report = import_esco(with_skill_labels())
    assert not [w for w in report.warnings if w.kind == "label_coverage"]


def test_the_explorer_languages_are_the_ones_the_coverage_check_knows() -> None:
    from django.conf import settings

    assert tuple(code for code, _name in settings.LANGUAGES) == EXPLORER_LANGUAGES
