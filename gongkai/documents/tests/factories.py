"""Factories for government information records."""

from __future__ import annotations

import datetime as dt

import factory

from gongkai.documents.models import Attribute, Document, Interpretation, InterpretationStatus, Status
from gongkai.orgs.tests.factories import OrganisationFactory


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    index_number = factory.Sequence(lambda n: f"TEST/2026-{n:05d}")
    title = factory.Sequence(lambda n: f"关于做好第{n}项工作的通知")
    document_number = factory.Sequence(lambda n: f"沈测发〔2026〕{n + 1}号")
    written_on = dt.date(2026, 3, 2)
    formed_on = dt.date(2026, 3, 2)
    published_on = dt.date(2026, 3, 5)
    kind = "通知"
    body_html = "<p>各有关单位：现将有关事项通知如下。</p>"
    body_text = "各有关单位：现将有关事项通知如下。"
    attribute = Attribute.PROACTIVE
    status = Status.PUBLISHED


class InterpretationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpretation
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"政策解读{n}")
    body_html = "<p>一图读懂。</p>"
    status = InterpretationStatus.PUBLISHED
    published_on = dt.date(2026, 3, 5)

    @factory.post_generation
    def documents(obj: Interpretation, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            obj.documents.set(extracted)
