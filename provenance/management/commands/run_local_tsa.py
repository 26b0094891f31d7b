import os

from django.conf import settings
from django.core.management.base import BaseCommand

from provenance.devtsa import LocalTsa


class Command(BaseCommand):
    help = (
        "Serve a local RFC 3161 Time-Stamping Authority (OpenSSL, a CA made on first start) for development: "
        "`make run` starts it; never use it in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--address", default=os.environ.get("DEV_TSA_ADDRESS", "127.0.0.1:8318"),
                            help="127.0.0.1:PORT to listen on (DEV_TSA_ADDRESS).")
        parser.add_argument("--folder", default=str(settings.VAR_DIR / "dev-tsa"),
                            help="Where its CA, key and certificates are kept.")

    def handle(self, *args, address, folder, **options):
        _, _, port = address.rpartition(":")
        tsa = LocalTsa(folder, port=int(port))
        self.stdout.write(f"Local TSA at {tsa.url}; its CA certificate is {tsa.ca_file}.")
        self.stdout.flush()  # honcho shows it now, not when the buffer fills
        try:
            tsa.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            tsa.httpd.server_close()
