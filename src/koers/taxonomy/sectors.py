"""Sectors (NACE Rev. 2.1 sections) of occupations, for people who cannot name their job.

ESCO v1.2 gives occupations NACE codes (divisions, groups, classes); the first two digits
name the division, and each section is a range of divisions. Names are plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.taxonomy.knowledge_base import Taxonomy
from koers.taxonomy.model import Occupation


@dataclass(frozen=True, slots=True)
class Sector:
    letter: str
    first: int
    last: int
    name_nl: str
    name_en: str

    def name(self, language: str) -> str:
        return self.name_nl if language == "nl" else self.name_en


SECTORS = (
    Sector("A", 1, 3, "Landbouw, bosbouw en visserij", "Farming, forestry and fishing"),
    Sector("B", 5, 9, "Mijnbouw en delfstoffen", "Mining and quarrying"),
    Sector("C", 10, 33, "Fabrieken en productie", "Factories and manufacturing"),
    Sector("D", 35, 35, "Energie", "Energy"),
    Sector("E", 36, 39, "Water en afval", "Water and waste"),
    Sector("F", 41, 43, "Bouw", "Construction"),
    Sector("G", 45, 47, "Winkels en groothandel", "Shops and wholesale"),
    Sector("H", 49, 53, "Vervoer, opslag en post", "Transport, storage and post"),
    Sector("I", 55, 56, "Horeca: hotels, restaurants en cafés", "Hotels, restaurants and cafés"),
    Sector("J", 58, 60, "Uitgeverijen, radio en tv", "Publishing, radio and TV"),
    Sector("K", 61, 63, "ICT en telecom", "IT and telecom"),
    Sector("L", 64, 66, "Banken en verzekeraars", "Banks and insurance"),
    Sector("M", 68, 68, "Huizen en vastgoed", "Real estate"),
    Sector("N", 69, 75, "Advies, onderzoek en techniek", "Advice, research and engineering"),
    Sector(
        "O",
        77,
        82,
        "Verhuur, schoonmaak, beveiliging en uitzendwerk",
        "Rental, cleaning, security and agency work",
    ),
    Sector("P", 84, 84, "Overheid en defensie", "Government and defence"),
    Sector("Q", 85, 85, "Onderwijs", "Education"),
    Sector("R", 86, 88, "Zorg en welzijn", "Health care and social work"),
    Sector("S", 90, 93, "Cultuur, sport en recreatie", "Culture, sports and recreation"),
    Sector("T", 94, 96, "Andere diensten, zoals kappers", "Other services, such as hairdressers"),
    Sector("U", 97, 98, "Werk bij mensen thuis", "Work in people's homes"),
)
_BY_LETTER = {s.letter: s for s in SECTORS}


def sector(letter: str) -> Sector | None:
    return _BY_LETTER.get(letter.upper())


def sectors_of(occupation: Occupation) -> set[str]:
    """The section letters of an occupation's NACE codes."""
    letters = set()
    for uri in occupation.nace_codes:
        code = uri.rsplit("/", 1)[-1].replace(".", "").strip(" ,")
        if code[:1].isalpha():
            letters.add(code[0].upper())
        elif code[:2].isdigit():
            division = int(code[:2])
            letters |= {s.letter for s in SECTORS if s.first <= division <= s.last}
    return letters


def occupations_in(taxonomy: Taxonomy, letter: str, language: str) -> list[Occupation]:
    """The occupations of a sector, by label."""
    found = [o for o in taxonomy.occupations if letter in sectors_of(o)]
    return sorted(found, key=lambda o: o.label(language).casefold())
