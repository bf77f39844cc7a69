"""Shared pytest configuration: settings for tests and the persona fixtures every app uses."""

import os

# Background jobs run inline in tests (read by settings when Django starts, after this file loads).
os.environ.setdefault("HUEY_IMMEDIATE", "1")
