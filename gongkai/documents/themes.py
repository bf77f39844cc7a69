"""The shipped 主题分类 list (SPEC R5.2b), read from ``data/themes.txt``."""

from __future__ import annotations

from pathlib import Path

THEMES_FILE = Path(__file__).with_name("data") / "themes.txt"


def shipped_themes() -> list[tuple[str, list[str]]]:
    """(first level, [second levels]) in file order."""
    themes = []
    for line in THEMES_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, children = line.partition(":")
        themes.append((name.strip(), [c.strip() for c in children.split("|") if c.strip()]))
    return themes
