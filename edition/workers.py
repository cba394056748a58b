"""Local worker processes that end with the process that made them.

A pool's workers are forked: should the command that made them be killed (``kill -9``),
they would otherwise wait for work forever, holding what they inherited (the import's lock
on its folder among it). On Linux each worker asks the kernel to end it when its parent
ends (``PR_SET_PDEATHSIG``); elsewhere they end when their queue closes, as Python's own
pools do.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def pool(
    jobs: int, initializer: Callable[..., None], initargs: tuple[object, ...]
) -> ProcessPoolExecutor:
    """jobs worker processes, each set up by initializer(*initargs) once."""
    return ProcessPoolExecutor(
        jobs, initializer=_start, initargs=(os.getpid(), initializer, initargs)
    )


def _start(parent: int, initializer: Callable[..., None], initargs: tuple[object, ...]) -> None:
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent ended before the request was made
            os._exit(1)
    initializer(*initargs)
