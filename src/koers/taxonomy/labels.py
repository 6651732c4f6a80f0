"""Label normalisation shared by indexing and querying: case, accents, punctuation, plurals."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHE = re.compile("['`\u2019]")


def fold(text: str) -> str:
    """Lower case, no accents or punctuation: ``"Caissière/Kassa"`` → ``"caissiere kassa"``."""
    plain = text.casefold()
    if not plain.isascii():  # most labels are: they skip the slow part
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # zzp'er, chef's: the apostrophe joins, it does not split.
    return _NOT_WORD.sub(" ", _APOSTROPHE.sub("", plain)).strip()


def singular(word: str) -> str:
    """Fold an English plural onto its singular (``nurses`` → ``nurse``); other words pass."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise(text: str) -> str:
    """The form labels and queries are compared in."""
    return " ".join(singular(word) for word in fold(text).split())


# Function words of Dutch and English: a query of only these asks for no job.
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "van",
        "voor",
        "in",
        "op",
        "bij",
        "met",
        "aan",
        "naar",
        "als",
        "ik",
        "je",
        "wij",
        "we",
        "zij",
        "die",
        "dat",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "to",
        "as",
        "i",
        "you",
        "we",
        "they",
    ]
)


def is_only_stopwords(text: str) -> bool:
    """True for a normalised text that has no word but function words (or no word at all)."""
    return all(word in STOPWORDS for word in text.split())
