"""The knowledge base on disk: one ``.npz`` file, written atomically, loaded in well under a second.

The file holds the relation arrays as numpy arrays and every concept as one UTF-8 JSON
document (stored as a byte array), so loading needs neither pickle nor a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from koers.taxonomy import npz_file
from koers.taxonomy.knowledge_base import RelationStats, Taxonomy
from koers.taxonomy.model import (
    ConceptText,
    IscoGroup,
    Occupation,
    Skill,
    SkillGroup,
    SourcePackage,
)
from koers.taxonomy.onet import OnetProfile

FORMAT = "koers-taxonomy/2"
SNAPSHOT_NAME = "taxonomy.npz"

_ARRAYS = (
    "occupation_skill_occupation",
    "occupation_skill_skill",
    "occupation_skill_essential",
    "skill_skill_from",
    "skill_skill_to",
    "skill_skill_essential",
)


class SnapshotError(Exception):
    """The knowledge base file is missing, unreadable or of another format."""


def _texts_out(texts: Mapping[str, ConceptText]) -> dict[str, list[Any]]:
    return {
        lang: [t.preferred, list(t.alt), list(t.hidden), t.description, t.definition, t.scope_note]
        for lang, t in texts.items()
    }


def _texts_in(data: dict[str, list[Any]]) -> dict[str, ConceptText]:
    return {
        lang: ConceptText(p, tuple(a), tuple(h), d, df, s)
        for lang, (p, a, h, d, df, s) in data.items()
    }


def _document(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "build_id": taxonomy.build_id,
        "sources": [[s.name, s.version, list(s.languages), s.is_base] for s in taxonomy.sources],
        "relation_stats": [
            taxonomy.relation_stats.occupation_skill_rows_read,
            taxonomy.relation_stats.occupation_skill_rows_skipped,
        ],
        "occupations": [
            [
                o.uri,
                o.code,
                o.isco_group,
                o.status,
                o.modified,
                o.regulated_note,
                list(o.nace_codes),
                list(o.broader),
                _texts_out(o.texts),
            ]
            for o in taxonomy.occupations
        ],
        "skills": [
            [
                s.uri,
                s.skill_type,
                s.reuse_level,
                s.status,
                s.modified,
                list(s.broader),
                _texts_out(s.texts),
            ]
            for s in taxonomy.skills
        ],
        "skill_groups": [
            [g.uri, g.code, list(g.broader), _texts_out(g.texts)] for g in taxonomy.skill_groups
        ],
        "isco_groups": [[g.uri, g.code, _texts_out(g.texts)] for g in taxonomy.isco_groups],
    }


def save_snapshot(taxonomy: Taxonomy, path: Path) -> None:
    """Write the knowledge base to ``path`` atomically: readers see the old file or the new one."""
    arrays = {name: getattr(taxonomy, name) for name in _ARRAYS}
    document = _document(taxonomy)
    if taxonomy.onet is not None:
        arrays |= taxonomy.onet.arrays()
        document["onet"] = {
            "elements": taxonomy.onet.elements,
            "activity_ids": taxonomy.onet.activity_ids,
            "sources": taxonomy.onet.sources,
        }
    npz_file.write_atomically(path, document, arrays)


def load_snapshot(path: Path) -> Taxonomy:
    """Load a knowledge base written by :func:`save_snapshot`."""
    try:
        doc, arrays = npz_file.read(path)
    except FileNotFoundError:
        raise SnapshotError(
            f"no knowledge base at {path}: run 'koers taxonomy import' first"
        ) from None
    except (OSError, ValueError, KeyError) as exc:
        raise SnapshotError(f"cannot read the knowledge base at {path}: {exc}") from exc
    if doc.get("format") != FORMAT or not set(_ARRAYS) <= set(arrays):
        raise SnapshotError(
            f"{path} has format {doc.get('format')!r}, this Koers reads {FORMAT!r}: "
            "import the ESCO data again"
        )
    return Taxonomy(
        occupations=tuple(
            Occupation(u, c, i, st, m, r, tuple(n), tuple(b), _texts_in(t))
            for u, c, i, st, m, r, n, b, t in doc["occupations"]
        ),
        skills=tuple(
            Skill(u, ty, re, st, m, tuple(b), _texts_in(t))
            for u, ty, re, st, m, b, t in doc["skills"]
        ),
        skill_groups=tuple(
            SkillGroup(u, c, tuple(b), _texts_in(t)) for u, c, b, t in doc["skill_groups"]
        ),
        isco_groups=tuple(IscoGroup(u, c, _texts_in(t)) for u, c, t in doc["isco_groups"]),
        sources=tuple(SourcePackage(n, v, tuple(ls), b) for n, v, ls, b in doc["sources"]),
        relation_stats=RelationStats(*doc["relation_stats"]),
        build_id=doc["build_id"],
        onet=OnetProfile.from_arrays(arrays, doc["onet"]) if "onet" in doc else None,
        **{name: arrays[name] for name in _ARRAYS},
    )
