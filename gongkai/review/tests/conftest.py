"""Fixtures for the review tests: dictionaries reloaded around settings changes."""

import pytest

from gongkai.review.deidentify.dictionaries import clear_cache


@pytest.fixture(autouse=True)
def fresh_dictionaries():
    clear_cache()
    yield
    clear_cache()
