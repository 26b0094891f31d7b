"""Tripwires: real listening sockets on 127.0.0.1 and [::1] that record every connection they accept, and a guard
that records (and stops before it leaves this machine) every connect a test makes while it is armed."""

import contextlib
import ipaddress
import socket
import sys
import threading


class Tripwire:
    """Listens on 127.0.0.1 and [::1] on one port number; `accepted` lists every connection made to either.

    With `port`, it listens on [::1] at that port only (the other address family of a server already there).
    """

    def __init__(self, port=None):
        self.accepted = []
        if port is not None:
            self.port, self.listeners = port, [socket.create_server(("::1", port), family=socket.AF_INET6)]
        else:
            self.port, self.listeners = self._pair()
        self._threads = [threading.Thread(target=self._accept, args=(s,), daemon=True) for s in self.listeners]

    @staticmethod
    def _pair():
        for _ in range(20):
            v4 = socket.create_server(("127.0.0.1", 0))
            port = v4.getsockname()[1]
            try:
                return port, [v4, socket.create_server(("::1", port), family=socket.AF_INET6)]
            except OSError:
                v4.close()
        raise RuntimeError("No port free on both 127.0.0.1 and [::1]")

    def _accept(self, listener):
        while True:
            try:
                connection, peer = listener.accept()
            except OSError:
                return  # closed
            self.accepted.append(peer)
            connection.close()

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        for listener in self.listeners:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()


class _ConnectGuard:
    """An audit hook (it cannot be removed, so it is installed once and armed per test)."""

    def __init__(self):
        self.armed = False
        self.attempts = []
        sys.addaudithook(self._hook)

    def _hook(self, event, args):
        if event != "socket.connect" or not self.armed:
            return
        address = args[1]
        if not isinstance(address, tuple):
            return  # a Unix socket
        self.attempts.append(address[:2])
        host = str(address[0]).split("%")[0]
        if not ipaddress.ip_address(host).is_loopback:
            # Should the rule ever let one through, the test fails here instead of sending traffic off this machine.
            raise ConnectionRefusedError(f"test guard: a connection to {address} would leave this machine")

    @contextlib.contextmanager
    def watching(self):
        self.attempts = []
        self.armed = True
        try:
            yield self.attempts
        finally:
            self.armed = False


connect_guard = _ConnectGuard()
