"""The shared web toolkit: forms, CSV files in and out, edit conflicts, the BSN guard and the
words for engine results. Every web app may use it; it uses no web app."""
