"""Label normalisation shared by indexing and querying: case, accents, punctuation, plurals."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHE = re.compile("['`\u2019]")


def fold(text: str) -> str:
    """Lower case, no accents or punctuation: ``"Caissière/Kassa"`` → ``"caissiere kassa"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
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
