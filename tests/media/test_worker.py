import pytest

from provenance.media.worker import OrderedWorker


def test_items_are_handled_in_the_order_they_were_put():
    seen = []
    with OrderedWorker(seen.append, depth=2) as worker:
        for item in range(100):
            worker.put(item)
    assert seen == list(range(100))


def test_an_error_in_the_worker_is_raised_in_the_callers_thread():
    def fail_on_three(item):
        if item == 3:
            raise ValueError("frame 3 could not be hashed")

    with pytest.raises(ValueError, match="frame 3"):
        with OrderedWorker(fail_on_three) as worker:
            for item in range(50):
                worker.put(item)


def test_the_worker_stops_when_the_caller_fails():
    seen = []
    with pytest.raises(RuntimeError, match="decoding failed"):
        with OrderedWorker(seen.append) as worker:
            worker.put(1)
            raise RuntimeError("decoding failed")
    assert seen in ([], [1])
