"""The ``gongkai`` console command: Django management commands under user-facing names.

``gongkai load-demo`` runs ``load_demo_data``; ``gongkai import-documents`` runs ``import_documents``;
any other name is passed to Django with hyphens turned into underscores.
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
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["gongkai", *args])


if __name__ == "__main__":
    main()
