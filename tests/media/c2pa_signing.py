"""Sign test files with a C2PA manifest, using a throwaway certificate authority made here (nothing fetched)."""

import datetime
import io

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

_USAGE = dict(
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    encipher_only=False,
    decipher_only=False,
)


def _certificate(subject, issuer, public_key, signing_key, *, authority):
    """A CA certificate (authority=True) or a signing certificate issued by `signing_key`'s CA."""
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, subject),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tests"),
                ]
            )
        )
        .issuer_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, issuer),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tests"),
                ]
            )
        )
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(digital_signature=not authority, key_cert_sign=authority, crl_sign=authority, **_USAGE),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )
    if not authority:
        # C2PA accepts signing certificates for e-mail protection (among a few) and refuses CA certificates.
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        ).add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def sign_jpeg(jpeg_bytes):
    """The JPEG with a C2PA manifest ("created by a camera") signed by a fresh test authority."""
    authority_key, signer_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    authority = _certificate("Test CA", "Test CA", authority_key.public_key(), authority_key, authority=True)
    signer_certificate = _certificate("Test signer", "Test CA", signer_key.public_key(), authority_key, authority=False)
    chain = b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in (signer_certificate, authority))
    private_key = signer_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(b"es256", chain, private_key, None))
    manifest = {
        "claim_generator_info": [{"name": "provenance tests", "version": "1"}],
        "title": "photo.jpg",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
                        }
                    ]
                },
            }
        ],
    }
    signed = io.BytesIO()
    with c2pa.Builder(manifest) as builder:
        builder.sign(signer, "image/jpeg", io.BytesIO(jpeg_bytes), signed)
    return signed.getvalue()
