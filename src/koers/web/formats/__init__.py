"""Koers's own date formats per language, over Django's (settings.FORMAT_MODULE_PATH)."""
