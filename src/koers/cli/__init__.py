"""The ``koers`` command line: a thin layer over the engine."""

import os

# One BLAS thread, set before numpy loads: the commands' matrix products are small, and
# OpenBLAS's threads cost more than they give: starting them alone took a second of
# `koers search`, and on a busy machine they spin against each other (as in `koers serve`).
# OPENBLAS_NUM_THREADS set by the caller still wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
