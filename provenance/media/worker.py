"""One background thread that handles decoded frames in order while the caller's thread goes on decoding.

The two overlap on two cores because PyAV decodes and numpy computes with the GIL released. On the 60 s 720p
bench video (bench/vpdq), with other jobs on the machine: decoding and hashing on one thread took 0.075 s per
video-second, with hashing on this worker 0.055 s, the vpdq package (C++, threads) 0.051 s. The gain
vanishes when other work already keeps both cores busy.
"""

import queue
import threading

_DONE = object()


class OrderedWorker:
    """Calls `work(item)` for each item put, one at a time and in order, on its own thread.

    The queue is bounded so decoding cannot run far ahead and pile up decoded frames in memory. An exception
    raised by `work` stops the worker and is raised again in the caller's thread by the next `put` or `finish`.
    """

    def __init__(self, work, depth=8):
        self._work = work
        self._queue = queue.Queue(maxsize=depth)
        self._error = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def put(self, item):
        self._raise_error()
        self._queue.put(item)

    def finish(self):
        self._queue.put(_DONE)
        self._thread.join()
        self._raise_error()

    def abandon(self):
        """Stop without handling the rest (after the caller failed)."""
        self._error = self._error or RuntimeError("abandoned")  # the worker skips whatever is still queued
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(_DONE)
        self._thread.join()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc_info):
        if exc_type is None:
            self.finish()
        else:
            self.abandon()

    def _run(self):
        while (item := self._queue.get()) is not _DONE:
            if self._error is None:
                try:
                    self._work(item)
                except BaseException as error:  # handed to the caller's thread
                    self._error = error

    def _raise_error(self):
        if self._error is not None:
            raise self._error
