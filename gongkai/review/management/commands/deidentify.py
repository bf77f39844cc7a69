"""``gongkai deidentify [--json|--jsonl] FILE|-``: mask personal data in a text, DOCX or PDF file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.errors import GongkaiError
from gongkai.core.files import extract_text
from gongkai.review.services import text_deidentify


class Command(BaseCommand):
    help = (
        "Mask personal data (names, ID, phone and bank-card numbers, e-mail, home addresses, plates, "
        "passports) in FILE, or standard input for '-'. Text, DOCX and PDF are read by content type. "
        '--json prints {"text", "findings"}; --jsonl reads one {"text": ...} object a line from '
        'standard input and prints one result a line, an {"error": ...} object for a bad line.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="file to screen, or - for standard input")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--json", action="store_true", help="print the masked text and the findings as JSON"
        )
        mode.add_argument(
            "--jsonl", action="store_true", help="JSON Lines in (standard input), JSON Lines out"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["jsonl"]:
            self._jsonl(sys.stdin if options["file"] == "-" else self._open_text(options["file"]))
            return
        data = sys.stdin.buffer.read() if options["file"] == "-" else self._read(options["file"])
        text, mime = extract_text(data)
        if not text and data:
            raise CommandError(f"No text could be read from this file ({mime})")
        try:
            result = text_deidentify(text=text)
        except GongkaiError as exc:
            raise CommandError(exc.detail) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            self.stdout.write(result.text, ending="" if result.text.endswith("\n") else "\n")

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"No such file: {name}")
        return path.read_bytes()

    def _open_text(self, name: str):
        if not Path(name).is_file():
            raise CommandError(f"No such file: {name}")
        return Path(name).open(encoding="utf-8-sig")

    def _jsonl(self, stream) -> None:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            self.stdout.write(json.dumps(self._one_line(number, line), ensure_ascii=False))
            self.stdout.flush()

    def _one_line(self, number: int, line: str) -> dict:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return {"error": f"line {number}: not JSON ({exc.msg})", "line": number}
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            return {"error": f'line {number}: expected an object with a "text" string', "line": number}
        try:
            masking = record.get("masking")
            return text_deidentify(
                text=record["text"], masking=masking if isinstance(masking, dict) else None
            ).as_dict()
        except GongkaiError as exc:
            return {"error": f"line {number}: {exc.detail}", "line": number}
