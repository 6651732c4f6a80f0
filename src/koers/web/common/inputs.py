"""The runtime half of the typed action inputs: a TypedDict tells mypy which keys an action
takes, this refuses the others when a row comes from outside its sight (a CSV file, the
command line, a form's cleaned data)."""

from __future__ import annotations

from collections.abc import Mapping


def refuse_unknown(values: Mapping[str, object], allowed: frozenset[str]) -> None:
    """Refuse keys that are not fields of the row (a typo, or ``client_id`` or ``id`` slipped
    in, which would write elsewhere than the caller checked)."""
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
