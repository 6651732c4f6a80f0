"""Every search box cuts what it is sent to the same length, trimmed."""

from __future__ import annotations

from koers.web.common.search_text import MAX_QUERY, search_text


def test_it_trims_and_cuts_a_search_to_its_longest() -> None:
    assert search_text("  kapper ") == "kapper"
    assert search_text("a" * 500) == "a" * MAX_QUERY
    assert search_text(" " + "b" * (MAX_QUERY - 1) + " c") == "b" * (MAX_QUERY - 1)
