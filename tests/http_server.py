"""A real HTTP server on 127.0.0.1 for tests: serves a folder and remembers every path asked for."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class LocalHttpServer:
    def __init__(self, folder):
        self.folder = folder
        self.requested_paths = []
        self.requested_hosts = []  # the Host header of each request, in order
        self.status_overrides = {}
        self.redirects = {}  # path -> Location answered with 302
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):
                if self._answered_by_override():
                    return
                super().do_GET()

            def do_HEAD(self):
                if self._answered_by_override():
                    return
                super().do_HEAD()

            def _answered_by_override(self):
                server.requested_paths.append(self.path)
                server.requested_hosts.append(self.headers.get("Host", ""))
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return True
                if self.path in server.status_overrides:
                    self.send_error(server.status_overrides[self.path])
                    return True
                return False

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self):
        """The address:port to allow in EGRESS_ALLOWED_TEST_ORIGINS."""
        return f"127.0.0.1:{self.httpd.server_port}"

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_port}/{path.lstrip('/')}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
