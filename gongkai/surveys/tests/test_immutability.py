"""A response cannot be edited or deleted: not by a service, not through the ORM, not in the database, not in
the admin."""

import pytest
from django.contrib import admin
from django.db import DatabaseError, connection, transaction

from gongkai.core.errors import PermissionDenied
from gongkai.surveys import services
from gongkai.surveys.models import Answer, Response
from gongkai.surveys.tests.factories import answers


@pytest.fixture
def response(open_survey):
    return services.response_submit(survey=open_survey, answers=answers(text="原文"))


def test_the_service_refuses_to_change_a_response(response, publisher):
    with pytest.raises(PermissionDenied, match="答卷提交后不能修改或删除"):
        services.response_change(actor=publisher, response=response)


def test_saving_or_deleting_a_response_through_the_model_is_refused(response):
    response.duplicate = True
    with pytest.raises(TypeError, match="append-only"):
        response.save()
    with pytest.raises(TypeError, match="append-only"):
        response.delete()
    answer = Answer.objects.filter(response=response).first()
    with pytest.raises(TypeError, match="append-only"):
        answer.delete()


def test_queryset_update_and_delete_are_refused(response):
    with pytest.raises(TypeError, match="append-only"):
        Response.objects.filter(pk=response.pk).update(duplicate=True)
    with pytest.raises(TypeError, match="append-only"):
        Answer.objects.all().delete()
    assert Response.objects.filter(pk=response.pk, duplicate=False).exists()


@pytest.mark.parametrize("table", ["surveys_response", "surveys_answer"])
def test_the_database_refuses_an_update(response, table):
    column = "duplicate = 1" if table == "surveys_response" else "text = 'x'"
    if connection.vendor == "postgresql":
        column = column.replace("= 1", "= true")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET {column}")  # noqa: S608 (fixed test SQL)


def test_responses_are_not_in_the_admin():
    assert Response not in admin.site._registry
    assert Answer not in admin.site._registry


def test_a_survey_with_responses_cannot_be_deleted(response, open_survey):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        open_survey.delete()
