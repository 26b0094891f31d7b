"""A real webhook receiver on 127.0.0.1: verifies each POST as a partner would (Standard Webhooks) and answers from a
script."""

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import standardwebhooks


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    signature_valid: bool
    answered: int
    refusal: str = ""

    @property
    def json(self):
        return json.loads(self.body)


def verify(secret, body, headers):
    """What a partner's receiver does: "" when the delivery verifies, else the reason it is refused."""
    try:
        standardwebhooks.Webhook(secret).verify(body, headers)
    except standardwebhooks.webhooks.WebhookVerificationError as problem:
        return str(problem)
    return ""


class WebhookReceiver:
    """Answers the i-th valid POST with statuses[i] (the last one repeats) after `delay` seconds.

    A POST that does not verify under `secret` with standardwebhooks (signature, or a timestamp outside the five
    minute tolerance) gets 401, as a careful partner would answer. Every POST is remembered in `received`.
    """

    def __init__(self, secret, statuses=(200,), delay=0.0):
        self.secret = secret
        self.statuses = list(statuses)
        self.delay = delay
        self.received = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                refusal = verify(receiver.secret, body, dict(self.headers))
                with receiver._lock:
                    answered_valid = sum(1 for r in receiver.received if r.signature_valid)
                    status = 401 if refusal else receiver.statuses[min(answered_valid, len(receiver.statuses) - 1)]
                    receiver.received.append(Received(self.path, dict(self.headers), body, not refusal, status, refusal))
                time.sleep(receiver.delay)
                answer = b"accepted" if status < 300 else f"refused with {status}".encode()
                try:
                    self.send_response(status)
                    if 300 <= status < 400:
                        self.send_header("Location", "/elsewhere")
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender gave up waiting (a timeout test)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def origin(self):
        return f"127.0.0.1:{self.httpd.server_port}"

    def url(self, path="/hooks"):
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
