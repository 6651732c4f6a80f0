"""What a search box may send: the explorer's job title, the plan's and the course form's
skill searches, the engine API's ``q``. Longer text is cut, not refused: a title or a skill
name is far shorter, and the search stays fast whatever is pasted in."""

from __future__ import annotations

MAX_QUERY = 100


def search_text(raw: object) -> str:
    """The text to search for: trimmed, at most MAX_QUERY characters."""
    return str(raw).strip()[:MAX_QUERY].rstrip()
