"""Work that arrives together in one process is done together, by one of the requests that brought it.

Applying a payment notification costs about eight round trips to PostgreSQL, and each costs the web
worker and PostgreSQL more CPU than the rows it carries (bench/README.md, issue 19). Applied set-wise,
a handful of notifications cost the same round trips as one. So each request hands its item to its
process's ``Batches`` and waits. The first to arrive when no batch is being done leads: it takes every
item waiting (itself included, up to ``max_items``), does them with one call of ``work``, answers each
request, and, if more arrived meanwhile, hands the lead to the first of them (which takes the next
batch). Nothing is held back by a timer: a lone request is done at once, and a crowd shares the work.

The leader is an ordinary request thread, in its own app context and unit of work, so ``work`` runs as
any service does; the others wait for their answer. ``work`` returns one result per item, in order,
each a value or an exception (raised in the request that brought that item). If ``work`` itself
raises, every request of the batch does its own item with ``alone``, in its own thread, as if there
were no batches: one bad item fails alone, and one that must wait (a row locked elsewhere) holds up
only its own request.

gunicorn's ``gthread`` workers (the project's default) let the requests of a process wait on each
other; a process serving one request at a time simply makes batches of one.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


class _Waiting(Generic[Item]):
    """An item waiting for its batch. ``woken`` is a lock held until the request has its answer or the lead
    (releasing a lock is the cheapest way one thread wakes another)."""

    __slots__ = ("alone", "error", "item", "leads", "result", "woken")

    def __init__(self, item: Item):
        self.item = item
        self.woken = threading.Lock()
        self.woken.acquire()
        self.leads = False
        self.alone = False
        self.result = None
        self.error: BaseException | None = None


class Batches(Generic[Item, Result]):
    """Items of one process done in batches by ``work(items) -> [result or exception, ...]``; ``alone(item)``
    does one item when its batch failed as a whole."""

    def __init__(self, name: str, work: Callable[[Sequence[Item]], Sequence[Result | BaseException]],
                 alone: Callable[[Item], Result], *, max_items: int = 32):
        self.name, self.work, self.alone, self.max_items = name, work, alone, max_items
        self._lock = threading.Lock()
        self._queue: list[_Waiting] = []
        self._leading = False
        self._pid = os.getpid()

    def do(self, item: Item) -> Result:
        """``item`` done in a batch with whatever arrived with it; its result, or its exception raised."""
        waiting = _Waiting(item)
        with self._lock:
            if self._pid != os.getpid():  # a forked child: its parent's waiting requests did not come along
                self._queue, self._leading, self._pid = [], False, os.getpid()
            self._queue.append(waiting)
            leads = waiting.leads = not self._leading
            self._leading = True
        if not leads:
            waiting.woken.acquire()  # answered, or handed the lead
        if waiting.leads:
            self._lead()
        if waiting.alone:
            return self.alone(item)
        if waiting.error is not None:
            raise waiting.error
        return waiting.result

    def _lead(self) -> None:
        with self._lock:
            batch, self._queue = self._queue[:self.max_items], self._queue[self.max_items:]
        try:
            self._do(batch)
        finally:
            with self._lock:
                following = self._queue[0] if self._queue else None
                if following is None:
                    self._leading = False
                else:
                    following.leads = True
            for waiting in batch:
                if not waiting.leads:
                    waiting.woken.release()
            if following is not None:
                following.woken.release()

    def _do(self, batch: list[_Waiting]) -> None:
        try:
            results = self.work([waiting.item for waiting in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"{self.name}: {len(results)} results for a batch of {len(batch)}")
        except Exception as error:  # noqa: BLE001 (each request then does its own item)
            if len(batch) > 1:
                log.warning("%s: a batch of %d failed (%s); each request does its own", self.name, len(batch),
                            type(error).__name__, exc_info=True)
            for waiting in batch:
                waiting.alone = True
            return
        except BaseException as error:
            for waiting in batch:
                waiting.error = error
            raise
        for waiting, result in zip(batch, results):
            if isinstance(result, BaseException):
                waiting.error = result
            else:
                waiting.result = result
