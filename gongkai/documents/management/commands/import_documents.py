"""``gongkai import-documents FILE.jsonl``: bulk import of records; the rules live in ``documents.importer``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from gongkai.documents.importer import CONFLICT, ERROR, ImportReport, NoOrganisations, import_documents
from gongkai.orgs.models import Organisation

# Exit status when lines only conflicted (1 is taken by failed lines, 2 by usage errors).
CONFLICT_EXIT_STATUS = 3


class Command(BaseCommand):
    help = (
        "Import government information records from a JSON Lines file (one object a line; '-' reads stdin). "
        "Idempotent: records are keyed by 'id' (else by document number, issuer and title); a rerun updates "
        "changed lines and skips unchanged ones. Records whose issuer names no known organisation are filed "
        "under --organisation, else under the root organisation. Bad lines are reported on stderr as "
        "'line N: reason' while the good lines are imported; the exit status is then 1. A line that would "
        "undo a 公开属性 or 有效性 decision made in the back office since the last import keeps that decision, "
        "updates its other fields and is reported as 'line N: conflict: …'; the exit status is then 3 "
        "(unless a line failed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON Lines file, or - for standard input")
        parser.add_argument(
            "--organisation",
            metavar="CODE",
            help="code of the organisation that gets records whose issuer is unknown (default: the root)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        default_organisation = None
        if options["organisation"]:
            default_organisation = Organisation.objects.filter(code=options["organisation"]).first()
            if default_organisation is None:
                raise CommandError(f"No organisation with code {options['organisation']!r}")
        name = options["file"]
        started = time.perf_counter()
        if name == "-":
            # Bytes, so that one line that is not UTF-8 is reported instead of ending the run.
            stdin = getattr(sys.stdin, "buffer", sys.stdin)
            report = self._run(stdin, None, default_organisation, options, source="<stdin>")
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"No such file: {name}")
            with path.open("rb") as stream:
                report = self._run(stream, path, default_organisation, options, source=path.name)
        elapsed = time.perf_counter() - started

        for result in report.results:
            if result.outcome in (ERROR, CONFLICT):
                self.stderr.write(str(result))
        fallback = ""
        if report.fallback:
            fallback = f" ({report.fallback} filed under {report.fallback_organisation} for unknown issuer)"
        prefix = "dry run: would import" if report.dry_run else "imported"
        self.stdout.write(
            f"{prefix} {report.created} new, {report.updated} updated, {report.conflicts} conflicts, "
            f"{report.unchanged} unchanged, {len(report.errors)} errors{fallback} in {elapsed:.1f}s"
        )
        kept = "checked" if report.dry_run else "imported"
        if report.errors:
            raise CommandError(f"{len(report.errors)} lines failed; the other lines were {kept}")
        if report.conflicts:
            raise CommandError(
                f"{report.conflicts} lines conflict with decisions made in the back office, which were kept; "
                f"the other fields were {kept}",
                returncode=CONFLICT_EXIT_STATUS,
            )

    def _run(
        self,
        stream: IO[bytes] | IO[str],
        path: Path | None,
        default_organisation: Organisation | None,
        options: dict[str, Any],
        *,
        source: str,
    ) -> ImportReport:
        show = not options["no_progress"] and sys.stderr.isatty()
        total = _count_lines(path) if show and path is not None else None
        with tqdm(total=total, unit=" lines", disable=not show, file=sys.stderr, dynamic_ncols=True) as bar:
            try:
                return import_documents(
                    stream,
                    default_organisation=default_organisation,
                    progress=bar.update,
                    dry_run=options["dry_run"],
                    source=source,
                )
            except NoOrganisations as exc:
                raise CommandError(exc.message) from exc


def _count_lines(path: Path) -> int:
    with path.open("rb") as raw:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: raw.read(1 << 20), b""))
