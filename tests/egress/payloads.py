"""The SSRF corpus: URLs that must never make the server connect anywhere, each with the reason it must give.

`{port}` is the port of a tripwire listening on both 127.0.0.1 and [::1], so a payload that slipped through the
rule would be seen connecting. Payloads without a port aim at addresses off this machine; the test's connect guard
stops those before they leave, should one ever get through.
"""

SPELLING = "spells an IPv4 address in decimal, octal, hex or short form"
AMBIGUOUS_CHARS = "contains a backslash, whitespace or a control character"
NOT_HTTP = "Only http and https URLs may be fetched"

PAYLOADS = [
    # IPv4 loopback in every spelling a URL parser has accepted somewhere.
    ("http://127.0.0.1:{port}/clip.mp4", "127.0.0.1 is a loopback address"),
    ("http://127.127.127.127:{port}/", "127.127.127.127 is a loopback address"),
    ("HTTP://127.0.0.1:{port}/", "127.0.0.1 is a loopback address"),
    ("http://2130706433:{port}/", SPELLING),
    ("http://0x7f000001:{port}/", SPELLING),
    ("http://0x7f.1:{port}/", SPELLING),
    ("http://0177.0.0.1:{port}/", SPELLING),
    ("http://017700000001:{port}/", SPELLING),
    ("http://0x7f.0x0.0x0.0x1:{port}/", SPELLING),
    ("http://127.000.000.001:{port}/", SPELLING),
    ("http://127.1:{port}/", SPELLING),
    ("http://127.0.1:{port}/", SPELLING),
    ("http://0:{port}/", SPELLING),
    ("http://0.0.0.0:{port}/", "0.0.0.0 is the unspecified address"),
    ("http://localhost:{port}/", "localhost resolves to"),
    ("http://LOCALHOST.:{port}/", "localhost resolves to"),
    # IPv6 forms.
    ("http://[::1]:{port}/", "::1 is a loopback address"),
    ("http://[0:0:0:0:0:0:0:1]:{port}/", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/", "IPv4-mapped IPv6 address (of 127.0.0.1)"),
    ("http://[0:0:0:0:0:ffff:7f00:1]:{port}/", "IPv4-mapped IPv6 address (of 127.0.0.1)"),
    ("http://[::127.0.0.1]:{port}/", "IPv4-compatible IPv6 address"),
    ("http://[::]:{port}/", ":: is the unspecified address"),
    ("http://[64:ff9b::7f00:1]:{port}/", "a NAT64 address"),
    ("http://[64:ff9b:1::a00:1]/", "a local-use NAT64 address"),
    ("http://[2002:7f00:1::]/", "a 6to4 address"),
    ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "a Teredo address"),
    ("http://[fec0::1]/", "a site-local address"),
    ("http://[fe80::1]/", "a link-local address"),
    ("http://[fe80::1%25lo]:{port}/", "has a percent-encoded host"),
    ("http://[fc00::1]/", "a private address"),
    ("http://[ff02::1]/", "a multicast address"),
    # Private, link-local (cloud metadata), CGNAT and special IPv4 ranges.
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
    ("http://10.0.0.1/", "a private address"),
    ("http://172.16.0.1/", "a private address"),
    ("http://192.168.1.1/", "a private address"),
    ("http://100.64.0.1/", "a carrier-grade NAT address"),
    ("http://224.0.0.1/", "a multicast address"),
    ("http://240.0.0.1/", "a reserved address"),
    ("http://255.255.255.255/", "a reserved address"),
    ("http://198.18.0.1/", "a private address"),
    ("https://192.0.0.8/", "an IETF protocol assignment address"),
    ("http://0.1.2.3/", "a \"this network\" address"),
    # Hosts that two parsers read two ways.
    ("http://127.0.0.1:{port}\\@1.1.1.1/x.mp4", AMBIGUOUS_CHARS),
    ("http://1.1.1.1@127.0.0.1:{port}/", "carries a user name"),
    ("http://user:pass@127.0.0.1:{port}/", "carries a user name"),
    ("http://1.1.1.1:80@127.0.0.1:{port}/", "carries a user name"),
    ("http://127.0.0.1:{port}#@1.1.1.1/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1:{port} /x", AMBIGUOUS_CHARS),
    ("http://127.0.0.1:{port}/\tx", AMBIGUOUS_CHARS),
    (" http://127.0.0.1:{port}/", AMBIGUOUS_CHARS),
    ("http://127.0.0.1:{port}/\r\nHost: 1.1.1.1", AMBIGUOUS_CHARS),
    ("http://127.0.0.1\x1f.example.org/", AMBIGUOUS_CHARS),  # NUL itself: see test_ssrf_corpus (PostgreSQL stores none)
    ("http://localhost\u200b:{port}/", AMBIGUOUS_CHARS),
    ("http://127%2e0%2e0%2e1:{port}/", "has a percent-encoded host"),
    ("http://%6c%6fcalhost:{port}/", "has a percent-encoded host"),
    ("http://127\u30020\u30020\u30021:{port}/", "is not a valid URL"),
    ("http://127\uff0e0\uff0e0\uff0e1:{port}/", "is not a valid URL"),
    ("http://\u2460\u2461\u2466.0.0.1:{port}/", "is not a valid URL"),
    ("http://127.0.0.1:{port}:80/", "is not a valid URL"),
    # Other schemes and scheme-less forms.
    ("file:///etc/passwd", NOT_HTTP),
    ("gopher://127.0.0.1:{port}/_GET%20/", NOT_HTTP),
    ("ftp://127.0.0.1:{port}/clip.mp4", NOT_HTTP),
    ("dict://127.0.0.1:{port}/info", NOT_HTTP),
    ("javascript:alert(1)", NOT_HTTP),
    ("http:/127.0.0.1:{port}/", NOT_HTTP),
    ("//127.0.0.1:{port}/", NOT_HTTP),
]


def ids():
    return [f"{n:02d}-{template[:40]!r}" for n, (template, _) in enumerate(PAYLOADS)]
