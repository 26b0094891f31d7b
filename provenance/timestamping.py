"""RFC 3161 timestamps: asking the configured Time-Stamping Authorities for one, and checking one.

Requests and answers are built, parsed and verified with rfc3161-client (signature, certificate chain up to the
trusted CA certificates, the TSA certificate's critical timeStamping key usage, the nonce and the message imprint).
Every request goes out through the egress policy (provenance.egress). CUSTODY_TSA_URLS are tried in order; a TSA that
cannot be reached, answers an error or answers a token that does not verify is passed over for the next.

Trust: CUSTODY_TSA_CA_FILE holds the PEM certificates trusted to issue TSA certificates. Every certificate given to
the verifier is trusted as it is (rfc3161-client hands them to OpenSSL as one store), so only those are given: never
certificates read from a stored token or chain, unless no CA file is configured, when a stored anchor can be checked
only against the CA certificates stored beside it (consistency, not trust: compare their fingerprints with the TSA's
published ones).
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import cryptography.x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from rfc3161_client import (
    HashAlgorithm,
    TimestampRequestBuilder,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from provenance import egress

logger = logging.getLogger(__name__)

MAX_REPLY_BYTES = 1024 * 1024  # a token with its certificates is a few KiB
TIMEOUT = (10, 30)
DEADLINE_SECONDS = 60


class TimestampUnavailable(Exception):
    """No configured TSA gave a token that verifies; the message names each TSA's failure."""


class TokenInvalid(Exception):
    """A stored token does not verify: the message says why."""


@dataclass(frozen=True)
class Timestamp:
    url: str
    token: bytes  # the DER TimeStampResp, as the TSA sent it
    chain_pem: str  # the TSA's certificate(s) from the token, then the CA certificates that issued them
    timestamped_at: object  # the token's genTime (an aware datetime)


def trusted_roots(ca_file=None):
    """The certificates of CUSTODY_TSA_CA_FILE (or `ca_file`), or [] when none is configured."""
    path = ca_file or settings.CUSTODY_TSA_CA_FILE
    if not path:
        return []
    try:
        return cryptography.x509.load_pem_x509_certificates(Path(path).read_bytes())
    except (OSError, ValueError) as problem:
        raise TimestampUnavailable(f"The TSA CA file {path} cannot be read as PEM certificates: {problem}") from problem


def request_timestamp(message, urls=None, ca_file=None):
    """A verified Timestamp of `message` (bytes, hashed with SHA-256 in the request) from the first TSA that gives
    one; TimestampUnavailable when none does."""
    urls = list(urls if urls is not None else settings.CUSTODY_TSA_URLS)
    if not urls:
        raise TimestampUnavailable("No Time-Stamping Authority is configured (CUSTODY_TSA_URLS).")
    roots = trusted_roots(ca_file)
    if not roots:
        raise TimestampUnavailable("No TSA CA certificates to verify tokens against (CUSTODY_TSA_CA_FILE).")
    failures = []
    for url in urls:
        query = TimestampRequestBuilder().data(message).hash_algorithm(HashAlgorithm.SHA256).build()
        try:
            token = _post(url, query.as_bytes())
            response = _verified(token, message, roots, VerifierBuilder.from_request(query))
        except (egress.EgressRefused, egress.EgressUnavailable, TokenInvalid) as problem:
            logger.warning("Time-Stamping Authority %s failed: %s", url, problem)
            failures.append(f"{url}: {problem}")
            continue
        return Timestamp(url, token, _chain_pem(response, roots), response.tst_info.gen_time)
    raise TimestampUnavailable("No Time-Stamping Authority gave a valid token: " + "; ".join(failures))


def _post(url, query):
    headers = {"Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply"}
    with egress.request(
        "POST", url, headers=headers, body=query, follow_redirects=False, timeout=TIMEOUT,
        max_bytes=MAX_REPLY_BYTES, deadline_seconds=DEADLINE_SECONDS,
    ) as response:
        if response.status != 200:
            raise TokenInvalid(f"it answered HTTP {response.status} {response.reason}")
        return b"".join(response.iter_content(64 * 1024))


def verify_token(token, message, chain_pem="", ca_file=None):
    """Check a stored token (DER TimeStampResp) over `message` against CUSTODY_TSA_CA_FILE, or, without one, the CA
    certificates in `chain_pem`. Returns the token's genTime; raises TokenInvalid naming what failed."""
    roots = trusted_roots(ca_file) or [cert for cert in _certificates(chain_pem) if _is_ca(cert)]
    if not roots:
        raise TokenInvalid("there is no CA certificate to verify it against")
    return _verified(token, message, roots, VerifierBuilder()).tst_info.gen_time


def _verified(token, message, roots, builder):
    try:
        response = decode_timestamp_response(bytes(token))
    except ValueError as problem:
        raise TokenInvalid(f"it is not a DER timestamp response ({problem})") from problem
    for root in roots:
        builder = builder.add_root_certificate(root)
    try:
        builder.build().verify_message(response, message)
    except VerificationError as problem:
        raise TokenInvalid(_reason(problem)) from problem
    return response


def _reason(problem):
    text = str(problem)
    if "Mismatch between messages" in text:
        return "its message imprint is not the hash of the anchored root"
    if "certificates" in text.lower() or "pkcs7" in text.lower():
        return f"its signature or certificate chain does not verify ({text})"
    return text


def _certificates(pem):
    try:
        return cryptography.x509.load_pem_x509_certificates(pem.encode()) if pem.strip() else []
    except ValueError:
        return []


def _is_ca(cert):
    try:
        return cert.extensions.get_extension_for_class(cryptography.x509.BasicConstraints).value.ca
    except cryptography.x509.ExtensionNotFound:
        return False


def _chain_pem(response, roots):
    signers = [cryptography.x509.load_der_x509_certificate(der) for der in response.signed_data.certificates]
    issuers = {signer.issuer for signer in signers}
    cas = [root for root in roots if root.subject in issuers] or roots
    return "".join(cert.public_bytes(Encoding.PEM).decode() for cert in [*signers, *cas])


def split_chain(chain_pem):
    """(CA certificates, the others) of a stored chain, each as PEM: what `openssl ts -verify` takes as -CAfile and
    -untrusted."""
    certs = _certificates(chain_pem)
    as_pem = lambda group: "".join(cert.public_bytes(Encoding.PEM).decode() for cert in group)  # noqa: E731
    return as_pem([c for c in certs if _is_ca(c)]), as_pem([c for c in certs if not _is_ca(c)])
