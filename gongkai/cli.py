"""The ``gongkai`` console command: Django management commands under user-facing names.

``gongkai load-demo`` runs ``load_demo_data``; ``gongkai import-documents`` runs ``import_documents``;
any other name is passed to Django with hyphens turned into underscores. ``gongkai migrate`` also creates the
publication log's signing key when there is none (``create_publication_key``).

The data folder (``GONGKAI_DATA_DIR``, default ``./var``: the SQLite database, the job queue, uploads) and
``STATIC_ROOT`` are created here, for the commands that may write there; a command that only reads files
and prints (``deidentify``, ``workdays`` other than ``workdays load``, help) leaves no folder behind.
"""

import os
import sys

ALIASES = {"load-demo": "load_demo_data"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    if args and not args[0].startswith("-"):
        args[0] = ALIASES.get(args[0], args[0].replace("-", "_"))
    if _may_write(args):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["gongkai", *args])
    if args and args[0] == "migrate" and not {"-h", "--help"} & set(args):
        # The publication log's signing key lives outside the database; migrate makes it once (gongkai/publog/keys.py).
        execute_from_command_line(["gongkai", "create_publication_key"])


def _may_write(args: list[str]) -> bool:
    """False for the commands that need no database, queue or static folder."""
    if not args or args[0].startswith("-") or args[0] in {"help", "deidentify"}:
        return False
    return args[0] != "workdays" or "load" in args[1:]


if __name__ == "__main__":
    main()
