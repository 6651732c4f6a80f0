"""The shared web toolkit: forms, CSV files in and out, edit conflicts, the BSN guard, the
words for engine results, paged lists and the htmx request type. Every web app may use it; it
uses no web app."""
