"""``gongkai sign_tree_head``: log unlogged public records, then sign a tree head now (the job does it on schedule)."""

from django.core.management.base import BaseCommand

from gongkai.publog.services import records_adopt, tree_head_sign


class Command(BaseCommand):
    help = (
        "Take public records made outside the workflow into the publication log (action 'import'), then sign "
        "the tree head. With --dry-run, only list the records that would be taken in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        adopted = records_adopt(dry_run=options["dry_run"])
        if options["dry_run"]:
            self.stdout.write(f"{len(adopted)} public records would be taken into the log; nothing signed")
            return
        head = tree_head_sign(force=True)
        self.stdout.write(
            f"{len(adopted)} records taken in; signed head: size {head.tree_size}, root {head.root_hash}"
        )
