"""Helpers that file applications through the service, so every test row went through the real rules."""

from __future__ import annotations

import datetime as dt

from gongkai.foi.models import ApplicantKind, Channel, DeliveryForm, DeliveryWay, IdType
from gongkai.foi.services import ApplicationInput, application_file

VALID_ID_CARD = "11010519491231002X"
VALID_USCC = "91210100MA0Y12345M"


def person_input(organisation, **overrides) -> ApplicationInput:
    fields = {
        "organisation": organisation,
        "applicant_kind": ApplicantKind.PERSON,
        "name": "张三",
        "id_type": IdType.ID_CARD,
        "id_number": VALID_ID_CARD,
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "description": "2025年本市义务教育阶段学校招生计划及其制定依据",
        "delivery_form": DeliveryForm.ELECTRONIC,
        "delivery_way": DeliveryWay.EMAIL,
    }
    fields.update(overrides)
    return ApplicationInput(**fields)


def company_input(organisation, **overrides) -> ApplicationInput:
    fields = {
        "applicant_kind": ApplicantKind.BUSINESS,
        "name": "沈阳某某科技有限公司",
        "id_type": IdType.USCC,
        "id_number": VALID_USCC,
        "legal_representative": "李四",
    }
    fields.update(overrides)
    return person_input(organisation, **fields)


def file_application(
    organisation, *, on: dt.date = dt.date(2026, 9, 18), channel=Channel.ONLINE, **overrides
):
    """An application filed online on ``on`` (received the same day, R1.7); returns (application, secret)."""
    return application_file(data=person_input(organisation, **overrides), channel=channel, submitted_on=on)
