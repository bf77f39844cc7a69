"""Review tools API (de-identification) — filled in by the review module."""

from ninja import Router

router = Router(tags=["review"])
