"""``gongkai verify``: re-check the publication log; exit 1 naming the first break (``publog/verify.py``)."""

import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management.base import BaseCommand, CommandError

from gongkai.publog.verify import log_verify


class Command(BaseCommand):
    help = (
        "Re-check the publication log (公开记录): every entry, the Merkle tree, every signed tree head, and every "
        "published record's current body and attachments against its last entry, and every survey response against its "
        "entry. Exits 1 at the first break."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--public-key",
            type=Path,
            help="check the signed heads with this PEM public key (default: the platform's key file)",
        )

    def handle(self, *args, **options):
        public_key = None
        if options["public_key"]:
            loaded = serialization.load_pem_public_key(options["public_key"].read_bytes())
            if not isinstance(loaded, Ed25519PublicKey):
                raise CommandError(f"{options['public_key']} is not an Ed25519 public key")
            public_key = loaded
        started = time.perf_counter()
        report = log_verify(public_key=public_key)
        elapsed = time.perf_counter() - started
        for note in report.notes:
            self.stdout.write(note)
        if not report.ok:
            self.stderr.write(f"公开记录核验失败（第一处断裂）：{report.broken}")
            raise SystemExit(1)
        self.stdout.write(
            f"公开记录完好：{report.entries} 条记录、{report.heads} 个签名树头、{report.records} 件信息、"
            f"{report.interpretations} 条解读、{report.responses} 份答卷、{report.files} 个附件，用时 {elapsed:.2f} 秒"
        )
