from __future__ import annotations

from koers.taxonomy import Taxonomy
from koers.taxonomy.sectors import SECTORS, occupations_in, sectors_of


def test_sections_cover_divisions_without_overlap() -> None:
    seen: set[int] = set()
    for sector in SECTORS:
        divisions = set(range(sector.first, sector.last + 1))
        assert not seen & divisions
        seen |= divisions


def test_an_occupation_gets_the_sector_of_its_nace_codes(mini_taxonomy: Taxonomy) -> None:
    shop = next(o for o in mini_taxonomy.occupations if o.label("en") == "shop assistant")
    assert "G" in sectors_of(shop)
    assert shop in occupations_in(mini_taxonomy, "G", "nl")
