"""What every back-office form shares."""

from __future__ import annotations

from gongkai.core.errors import GongkaiError


class ServiceErrorsMixin:
    """Puts a service's error on the fields it names (``GongkaiError.fields``), else on the whole form."""

    def add_service_errors(self, exc: GongkaiError) -> None:
        placed = False
        for name, message in exc.fields.items():
            if name in self.fields:
                self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, exc.message)
