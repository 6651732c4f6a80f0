"""Read and validate official ESCO CSV downloads into a :class:`Taxonomy`.

The *base* is the set of packages of the same ESCO version as the one that holds
``occupationSkillRelations``: concepts, codes, ISCO groups and every relation come from it.
Other packages only add labels, texts and NACE codes for base concepts. A labels-only file
(``skill_labels_xx.csv``: ``conceptUri``, ``preferredLabel``) fills in the preferred labels of
skills that no official package of that language names.

``importer`` chooses the base and the order of the files, ``rows`` validates each file's rows
into concepts and relations, ``finish`` makes the taxonomy of them and checks its labels.
"""

from __future__ import annotations

from koers.taxonomy.esco_csv.importer import ProgressCallback, import_esco

__all__ = ["ProgressCallback", "import_esco"]
