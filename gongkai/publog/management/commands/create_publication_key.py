"""``gongkai create_publication_key``: make the publication log's Ed25519 key if there is none (idempotent).

``gongkai migrate`` runs it after migrating (``gongkai/cli.py``).
"""

from django.core.management.base import BaseCommand

from gongkai.publog import keys


class Command(BaseCommand):
    help = (
        "Create the publication log's Ed25519 signing key at PUBLOG_KEY_PATH unless it exists; print its id."
    )

    def handle(self, *args, **options):
        path, created = keys.key_create()
        key_id = keys.key_id(keys.public_key())
        verb = "created" if created else "kept"
        self.stdout.write(f"publication key {verb}: {path} (key id {key_id[:16]})")
