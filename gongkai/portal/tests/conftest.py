"""Browser fixtures (``browser``, ``page``) for the portal's Playwright tests."""

from gongkai.portal.tests.browser import browser, page  # noqa: F401  (pytest fixtures)
