"""Locks that let several processes (the app, the CLI, a server) and threads share one store.

- :class:`WriteLock`: one writer at a time across processes (``fcntl.flock`` on a file in the store) and
  threads (re-entrant within the thread that holds it).
- :func:`shared` / :func:`exclusive`: a readers-writer lock across processes on a file: readers hold it
  shared while they read the vector index, a writer holds it exclusively while it changes the index. Each
  call opens its own descriptor, so two threads of one process exclude each other exactly as two
  processes do.
- :class:`RWLock`: readers-writer within one process (to swap an object all threads use).
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path


@contextmanager
def _flock(path: Path, mode: int, blocking: bool = True) -> Iterator[bool]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, mode | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def shared(path: Path) -> AbstractContextManager[bool]:
    """Hold ``path`` shared (many readers) until the block ends."""
    return _flock(path, fcntl.LOCK_SH)


def exclusive(path: Path) -> AbstractContextManager[bool]:
    """Hold ``path`` exclusively (no reader, no other writer) until the block ends."""
    return _flock(path, fcntl.LOCK_EX)


class WriteLock:
    """One writer at a time: across processes by ``flock``, across threads by a re-entrant lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def hold(self, blocking: bool = True) -> Iterator[bool]:
        """Hold the lock for the block; with ``blocking=False`` the block gets False (and no lock) when it is
        taken."""
        if not self._thread_lock.acquire(blocking=blocking):
            yield False
            return
        try:
            if self._depth == 0:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
                except BlockingIOError:
                    os.close(fd)
                    yield False
                    return
                except BaseException:
                    os.close(fd)
                    raise
                self._fd = fd
            self._depth += 1
            try:
                yield True
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                    os.close(self._fd)
                    self._fd = None
        finally:
            self._thread_lock.release()

    def held_here(self) -> bool:
        """Whether this process (any thread) holds the lock now."""
        return self._depth > 0

    def busy_elsewhere(self) -> bool:
        """Whether another process (or another store object of this one) is writing now."""
        if self._depth > 0:
            return False
        with _flock(self.path, fcntl.LOCK_EX, blocking=False) as got:
            return not got


class RWLock:
    """Many readers or one writer, within one process (writers are not starved: they go first once waiting)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()
