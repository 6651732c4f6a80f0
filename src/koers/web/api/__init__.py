"""The JSON API under /api/v1/ (issue 21): one NinjaAPI (``v1``), its errors, tokens and limits."""
