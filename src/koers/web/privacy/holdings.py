"""What the register says of each model that holds client data: its rows of one client, and
for every field whether erasure blanks it or keeps it."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise


class Erasure(enum.Enum):
    BLANK = "blank"
    KEEP = "keep"


BLANK, KEEP = Erasure.BLANK, Erasure.KEEP


@dataclass(frozen=True)
class Holding:
    """One model that holds data about a client, and what happens to each of its fields."""

    model: type[models.Model]
    # The export's key for these rows, and its heading on the export page.
    section: str
    title: str | Promise
    # The lookup from this model to the client's id, for instance "traject__client".
    client_path: str
    fields: Mapping[str, Erasure]

    @property
    def blanked(self) -> list[str]:
        return [name for name, erasure in self.fields.items() if erasure is BLANK]

    @property
    def kept(self) -> list[str]:
        return [name for name, erasure in self.fields.items() if erasure is KEEP]

    def rows_of(self, client_id: int) -> models.QuerySet[Any]:
        """This model's rows about one client, in a stable order."""
        return self.model._default_manager.filter(**{self.client_path: client_id}).order_by("pk")

    def blank_values(self) -> dict[str, Any]:
        """The empty value of every BLANK field: [] for lists, NULL where allowed, else ""."""
        values: dict[str, Any] = {}
        for name in self.blanked:
            field = self.model._meta.get_field(name)
            assert isinstance(field, models.Field)
            if isinstance(field, models.JSONField):
                values[name] = []
            elif field.null:
                values[name] = None
            else:
                values[name] = ""
        return values
