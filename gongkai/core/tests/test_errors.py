"""The error shape every service and the API share."""

from gongkai.core.errors import InvalidTransition, ValidationFailed


def test_field_names_the_input_at_fault_with_the_message():
    exc = ValidationFailed("机构代码不能为空", detail="Organisation code is required", field="code")
    assert exc.fields == {"code": "机构代码不能为空"}


def test_api_body_has_detail_code_message_and_fields():
    exc = InvalidTransition(
        "不能执行该操作", detail="Cannot publish a draft", code="documents.invalid_transition"
    )
    assert (exc.status, exc.as_dict()) == (
        409,
        {
            "detail": "Cannot publish a draft",
            "code": "documents.invalid_transition",
            "message": "不能执行该操作",
            "fields": {},
        },
    )
