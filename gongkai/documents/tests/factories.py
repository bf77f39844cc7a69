"""Factories for government information records."""

from __future__ import annotations

import datetime as dt

import factory

from gongkai.core.workdays import WorkCalendar
from gongkai.documents.models import Attribute, Document, Interpretation, InterpretationStatus, Status
from gongkai.documents.services import disclosure_due_on
from gongkai.orgs.tests.factories import OrganisationFactory

# Days records are formed on, over two years and across holidays: due dates cross 国庆 2025, 元旦 2026 and
# 春节 2026 with its make-up Saturday (all before the default published_on).
FORMED_ON = [
    dt.date(2025, 9, 26),
    dt.date(2025, 12, 22),
    dt.date(2026, 1, 30),
    dt.date(2026, 2, 10),
    dt.date(2026, 2, 27),
    dt.date(2026, 3, 2),
]


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    index_number = factory.Sequence(lambda n: f"TEST/2026-{n:05d}")
    title = factory.Sequence(lambda n: f"关于做好第{n}项工作的通知")
    document_number = factory.Sequence(lambda n: f"沈测发〔2026〕{n + 1}号")
    formed_on = factory.Sequence(lambda n: FORMED_ON[n % len(FORMED_ON)])
    written_on = dt.date(2026, 3, 2)
    # As document_create stores it, so that timers and their query budgets see real due dates.
    disclosure_due_on = factory.LazyAttribute(
        lambda doc: disclosure_due_on(doc.formed_on, calendar=WorkCalendar(use_database=False))
    )
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
