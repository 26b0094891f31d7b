"""A real HTTP server on 127.0.0.1 for tests: serves a folder and remembers every path asked for."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class LocalHttpServer:
    def __init__(self, folder):
        self.folder = folder
        self.requested_paths = []
        self.status_overrides = {}
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
                if self.path in server.status_overrides:
                    self.send_error(server.status_overrides[self.path])
                    return True
                return False

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_port}/{path.lstrip('/')}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
