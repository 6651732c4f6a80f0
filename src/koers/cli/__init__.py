"""The ``koers`` command line: a thin layer over the engine."""
