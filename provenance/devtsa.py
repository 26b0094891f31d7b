"""A local RFC 3161 Time-Stamping Authority for `make run` and the tests: OpenSSL's `openssl ts -reply` behind a small
HTTP server on 127.0.0.1. Never for production: its CA is made on the spot and trusted by nobody else.

`make_pki(folder)` makes, once per folder, a root CA (`ca.pem`) and a TSA certificate it signed with the critical
extended key usage timeStamping that RFC 3161 demands (`tsa.pem`), with the configuration `openssl ts` reads.
`LocalTsa(folder)` serves requests (`POST`, `application/timestamp-query`) at `url`; point CUSTODY_TSA_URLS at it,
CUSTODY_TSA_CA_FILE at `ca_file`, and allow its `origin` in EGRESS_ALLOWED_TEST_ORIGINS (it is a loopback address,
which the egress policy otherwise refuses).
"""

import functools
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MAX_QUERY_BYTES = 64 * 1024  # a timestamp query is a few hundred bytes
POLICY_OID = "1.3.6.1.4.1.99999.3161.1"  # an arbitrary private OID: this TSA's only policy

_TS_CONFIG = """\
[ tsa ]
default_tsa = local_tsa

[ local_tsa ]
dir = {folder}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
# No `certs`: OpenSSL would add them to the token's certificate SET unsorted, which strict DER parsers (such as
# rfc3161-client's) refuse; the token carries the TSA's own certificate and verifiers hold the CA.
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = {policy}
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

_TSA_EXTENSIONS = """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_pki(folder, name="Local development TSA"):
    """The CA, the TSA's key and certificate and the `openssl ts` configuration in `folder` (kept if present)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "ts.cnf").exists():
        return folder
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "3650",
        "-keyout", "ca.key", "-out", "ca.pem", "-subj", f"/CN={name} root CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )
    _openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", f"/CN={name}", cwd=folder,
    )
    (folder / "tsa.ext").write_text(_TSA_EXTENSIONS)
    _openssl(
        "x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "3650", "-extfile", "tsa.ext", "-out", "tsa.pem", cwd=folder,
    )
    (folder / "serial").write_text("01\n")
    (folder / "ts.cnf").write_text(_TS_CONFIG.format(folder=folder.resolve(), policy=POLICY_OID))
    return folder


class LocalTsa:
    """An OpenSSL TSA answering on 127.0.0.1 (`port` 0: any free one). Use as a context manager or start/stop."""

    def __init__(self, folder, port=0, name="Local development TSA"):
        self.folder = make_pki(folder, name)
        self.requests = 0
        self._lock = threading.Lock()  # `openssl ts` keeps its serial number in a file
        handler = functools.partial(_TsaHandler, self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self):
        return self.httpd.server_port

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    @property
    def origin(self):
        """The address:port to allow in EGRESS_ALLOWED_TEST_ORIGINS."""
        return f"127.0.0.1:{self.port}"

    @property
    def ca_file(self):
        return self.folder / "ca.pem"

    def reply(self, query):
        """The DER TimeStampResp `openssl ts -reply` gives for a DER TimeStampReq (a rejection is a reply too)."""
        with self._lock, tempfile.TemporaryDirectory(dir=self.folder) as work:
            query_file, reply_file = Path(work) / "query.tsq", Path(work) / "reply.tsr"
            query_file.write_bytes(query)
            _openssl(
                "ts", "-reply", "-config", "ts.cnf", "-queryfile", str(query_file), "-out", str(reply_file),
                cwd=self.folder,
            )
            self.requests += 1
            return reply_file.read_bytes()

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def serve_forever(self):
        self.httpd.serve_forever()


class _TsaHandler(BaseHTTPRequestHandler):
    def __init__(self, tsa, *args, **kwargs):
        self.tsa = tsa
        super().__init__(*args, **kwargs)

    def do_POST(self):
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or not 0 < int(length) <= MAX_QUERY_BYTES:
            return self._answer(400, b"A timestamp query of at most 64 KiB is expected.", "text/plain")
        if self.headers.get_content_type() != "application/timestamp-query":
            return self._answer(415, b"Send application/timestamp-query.", "text/plain")
        try:
            reply = self.tsa.reply(self.rfile.read(int(length)))
        except subprocess.CalledProcessError as problem:
            return self._answer(400, problem.stderr[-500:] or b"openssl refused the query", "text/plain")
        self._answer(200, reply, "application/timestamp-reply")

    def _answer(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass
