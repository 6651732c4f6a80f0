"""Vitality of occupations: the Dutch crisis lists of 2020, mapped onto ESCO through ISCO-08.

The mapping is a TOML file that people read and change (``data/vitality.toml`` in this
package; see its header for the format). An occupation gets:

1. the class and group of an ``[[exceptions]]`` entry for its URI, if there is one;
2. else the group with the longest ISCO-08 code that is a prefix of its ISCO unit group;
3. else the class ``none``.

A group of class ``none`` says why work close to the list was not on it (psychologists outside
health care, whose ISCO group sits next to the care professions): people see that reason
instead of the plain "not on the list".

Loading checks the shape of the file and raises :class:`VitalityError` naming the file, the
entry and the field. :meth:`VitalityMap.validate` checks the content (classes, sources, ISCO
codes, URIs, and the ``[[examples]]`` whose class the sources settle) and returns the problems
as sentences, so that a command can list all of them.

``model`` holds the entries and results, ``loading`` reads the file and checks its shape,
``mapping`` looks occupations up and counts them, ``validation`` checks the content.
"""

from __future__ import annotations

from koers.taxonomy.vitality.loading import ENV_VARIABLE, default_path
from koers.taxonomy.vitality.mapping import VitalityMap
from koers.taxonomy.vitality.model import (
    CLASSES,
    GROUP_CLASSES,
    NOT_VITAL,
    OCCUPATION_URI_PREFIX,
    ExampleResult,
    Source,
    Vitality,
    VitalityClass,
    VitalityError,
    VitalityExample,
    VitalityException,
    VitalityGroup,
)

__all__ = [
    "CLASSES",
    "ENV_VARIABLE",
    "GROUP_CLASSES",
    "NOT_VITAL",
    "OCCUPATION_URI_PREFIX",
    "ExampleResult",
    "Source",
    "Vitality",
    "VitalityClass",
    "VitalityError",
    "VitalityExample",
    "VitalityException",
    "VitalityGroup",
    "VitalityMap",
    "default_path",
]
