"""One error hierarchy for services, rendered by one API handler.

API bodies look like ``{"detail": "...", "code": "documents.invalid_transition", "message": "...",
"fields": {}}``; ``detail`` is English for API clients, ``message`` the text shown to people (Chinese by
default) and ``fields`` maps each input field at fault to the message about it.
"""

from __future__ import annotations


class GongkaiError(Exception):
    """A broken business rule; ``status`` is the HTTP status the API answers with."""

    status = 400
    code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        detail: str | None = None,
        code: str | None = None,
        fields: dict[str, str] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
        if code:
            self.code = code
        # ``field`` names the one input at fault, with ``message`` as what to say about it.
        self.fields = {**(fields or {}), **({field: message} if field else {})}

    def as_dict(self) -> dict:
        return {"detail": self.detail, "code": self.code, "message": self.message, "fields": self.fields}


class ValidationFailed(GongkaiError):
    status = 400
    code = "validation"


class PermissionDenied(GongkaiError):
    status = 403
    code = "forbidden"


class NotFound(GongkaiError):
    status = 404
    code = "not_found"


class InvalidTransition(GongkaiError):
    status = 409
    code = "invalid_transition"


class Conflict(GongkaiError):
    status = 409
    code = "conflict"
