"""``bench.portal_load``'s ``sqlite-db`` part: the site's settings with Django's database cache as the shared store,
to compare it with the file cache of the embedded default."""

from gongkai.settings import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
