"""``core.batching``: items that arrive together are done together by one of the requests that brought them;
a batch that fails as a whole leaves each request to do its own item."""

from __future__ import annotations

import threading
import time

import pytest

from app.core.batching import Batches


class Recorder:
    """A ``work`` that records each batch it is given; the first batch waits until ``release`` is set, so
    the requests that arrive meanwhile queue up behind it."""

    def __init__(self, fail_when=lambda items: False):
        self.batches: list[list] = []
        self.alone: list[tuple[object, str]] = []
        self.release = threading.Event()
        self.fail_when = fail_when

    def work(self, items):
        self.batches.append(list(items))
        if len(self.batches) == 1:
            assert self.release.wait(10)
        if self.fail_when(items):
            raise RuntimeError("the batch failed")
        return [ValueError(item) if item == "bad" else item.upper() for item in items]

    def do_alone(self, item):
        self.alone.append((item, threading.current_thread().name))
        if item == "bad":
            raise ValueError(item)
        return item.upper()


def bringing(batches: Batches, answers: dict):
    """What a request thread runs: its item done in ``batches``, and its answer (a result or what was raised) kept."""
    def bring(item):
        try:
            answers[item] = batches.do(item)
        except BaseException as raised:  # noqa: BLE001 (the answer under test)
            answers[item] = raised

    return bring


def crowd(batches: Batches, items: list[str], recorder: Recorder) -> dict:
    """Each item brought by its own thread; the first starts alone and holds its batch until the others wait."""
    answers: dict = {}
    bring = bringing(batches, answers)
    threads = [threading.Thread(target=bring, args=(item,), name=f"request-{item}") for item in items]
    threads[0].start()
    deadline = time.monotonic() + 10
    while not recorder.batches and time.monotonic() < deadline:
        time.sleep(0.001)
    for thread in threads[1:]:
        thread.start()
    while len(batches._queue) < len(items) - 1 and time.monotonic() < deadline:
        time.sleep(0.001)
    recorder.release.set()
    for thread in threads:
        thread.join(10)
    return answers


def test_requests_that_arrive_while_a_batch_is_done_are_done_together_in_the_next():
    recorder = Recorder()
    batches = Batches("test", recorder.work, recorder.do_alone)
    answers = crowd(batches, ["a", "b", "c", "d", "e"], recorder)
    assert answers == {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}
    assert recorder.batches[0] == ["a"]
    assert sorted(recorder.batches[1]) == ["b", "c", "d", "e"] and len(recorder.batches) == 2
    assert recorder.alone == []


def test_a_lone_request_is_done_at_once():
    recorder = Recorder()
    recorder.release.set()
    batches = Batches("test", recorder.work, recorder.do_alone)
    assert batches.do("x") == "X"
    assert batches.do("y") == "Y"
    assert recorder.batches == [["x"], ["y"]]


def test_no_batch_holds_more_than_its_limit():
    recorder = Recorder()
    batches = Batches("test", recorder.work, recorder.do_alone, max_items=2)
    answers = crowd(batches, ["a", "b", "c", "d", "e"], recorder)
    assert answers == {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}
    assert [len(batch) for batch in recorder.batches] == [1, 2, 2]


def test_an_item_that_fails_fails_only_its_own_request():
    recorder = Recorder()
    batches = Batches("test", recorder.work, recorder.do_alone)
    answers = crowd(batches, ["a", "bad", "c"], recorder)
    assert answers["a"] == "A" and answers["c"] == "C"
    assert isinstance(answers["bad"], ValueError)


def test_when_a_batch_fails_each_request_does_its_own_item_in_its_own_thread():
    recorder = Recorder(fail_when=lambda items: len(items) > 1)
    batches = Batches("test", recorder.work, recorder.do_alone)
    answers = crowd(batches, ["a", "b", "bad", "d"], recorder)
    assert answers["a"] == "A" and answers["b"] == "B" and answers["d"] == "D"
    assert isinstance(answers["bad"], ValueError)
    assert sorted(recorder.alone) == [("b", "request-b"), ("bad", "request-bad"), ("d", "request-d")]


def test_after_a_crowd_the_next_request_leads_again():
    recorder = Recorder()
    batches = Batches("test", recorder.work, recorder.do_alone)
    crowd(batches, ["a", "b", "c"], recorder)
    assert batches.do("z") == "Z"
    assert recorder.batches[-1] == ["z"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_an_interrupted_leader_still_answers_everyone_waiting(error):
    def work(items):
        if len(items) > 1:
            raise error()
        time.sleep(0.2)
        return [item.upper() for item in items]

    batches = Batches("test", work, lambda item: item.upper())
    answers: dict = {}
    bring = bringing(batches, answers)
    first = threading.Thread(target=bring, args=("a",))
    first.start()
    time.sleep(0.05)
    others = [threading.Thread(target=bring, args=(item,)) for item in "bcd"]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)
    assert answers["a"] == "A"
    assert all(isinstance(answers[item], error) for item in "bcd")
    assert batches.do("e") == "E"
