"""The English catalogues: complete, compiled, and in agreement where two apps share a message.

Django merges every app's catalogue into one, so a msgid translated differently in two apps would
read one way or the other depending on app order; these tests keep the catalogues consistent.
"""

import gettext
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PACKAGE.glob("*/locale/en/LC_MESSAGES/django.po"))


def po_entries(path: Path) -> list[str]:
    """The entries of a .po file other than its header, as raw text blocks."""
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip())
    return [block for block in blocks if not re.search(r'^msgid ""\nmsgstr ""\n"', block, re.M)]


def mo_catalogue(po_path: Path) -> dict:
    with po_path.with_suffix(".mo").open("rb") as fp:
        return gettext.GNUTranslations(fp)._catalog


def test_each_app_with_interface_text_has_an_english_catalogue():
    apps = {path.parts[-5] for path in CATALOGUES}
    assert {"core", "documents", "orgs", "portal"} <= apps


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parts[-5])
def test_catalogue_has_no_fuzzy_or_empty_translation(po_path):
    for entry in po_entries(po_path):
        assert "#, fuzzy" not in entry
        assert not re.search(r'^msgstr(\[\d\])? ""$', entry, re.M), entry


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parts[-5])
def test_compiled_catalogue_holds_every_message(po_path):
    compiled = mo_catalogue(po_path)
    messages = {key if isinstance(key, str) else key[0] for key in compiled} - {""}
    assert len(messages) == len(po_entries(po_path))


def test_a_message_shared_by_two_apps_has_one_translation():
    seen: dict[str, tuple[str, str]] = {}
    for po_path in CATALOGUES:
        app = po_path.parts[-5]
        for msgid, msgstr in mo_catalogue(po_path).items():
            if msgid == "":
                continue
            key = repr(msgid)
            if key in seen:
                other_app, other = seen[key]
                assert msgstr == other, f"{msgid!r}: {app} says {msgstr!r}, {other_app} says {other!r}"
            else:
                seen[key] = (app, msgstr)
