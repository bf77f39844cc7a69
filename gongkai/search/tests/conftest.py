"""Fixtures of the search tests: a small indexed library of records and interpretations."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.documents.models import Attribute, Status, Validity
from gongkai.documents.tests.factories import DocumentFactory, InterpretationFactory


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """Each test reloads the user dictionary: the process-wide copy would otherwise outlive the test's data."""
    from gongkai.search import services, suggest

    services._vocabulary.update({"checked": 0.0, "version": None, "synonyms": {}})
    suggest.reset()
    yield
    services._vocabulary.update({"checked": 0.0, "version": None, "synonyms": {}})
    suggest.reset()


@pytest.fixture
def library(education, exam_unit, finance):
    """Public records of three organisations, one draft, one 依申请公开 record and an interpretation, indexed."""
    from gongkai.search.services import reindex

    docs = {
        "office": DocumentFactory(
            organisation=education,
            title="国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见",
            document_number="国办发〔2019〕54号",
            kind="意见",
            published_on=dt.date(2019, 9, 1),
            body_text="为深入贯彻落实党中央、国务院决策部署，持续优化营商环境，现提出以下意见。",
        ),
        "mentions": DocumentFactory(
            organisation=finance,
            title="沈阳市财政局关于转发有关文件的通知",
            document_number="沈财发〔2020〕3号",
            published_on=dt.date(2020, 3, 1),
            body_text="现将《国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见》（国办发〔2019〕54号）转发给你们。",
        ),
        "exam": DocumentFactory(
            organisation=exam_unit,
            title="沈阳市教育考试院关于2026年高考报名工作的通知",
            document_number="沈教考发〔2026〕1号",
            published_on=dt.date(2026, 3, 1),
            body_text="12345热线可咨询报名事宜。考点应加强5G信号屏蔽，PM2.5超标时做好防护。",
        ),
        "old": DocumentFactory(
            organisation=education,
            title="沈阳市教育局关于学校食堂管理的规定",
            document_number="沈教发〔2010〕8号",
            published_on=dt.date(2010, 5, 1),
            validity=Validity.REPEALED,
            body_text="学校食堂应当建立食品安全管理制度。",
        ),
        "new": DocumentFactory(
            organisation=education,
            title="沈阳市教育局关于学校食堂管理的规定",
            document_number="沈教发〔2024〕8号",
            published_on=dt.date(2024, 5, 1),
            body_text="学校食堂应当建立食品安全管理制度。",
        ),
        "draft": DocumentFactory(
            organisation=education,
            title="沈阳市教育局关于学校食堂收费的秘密草稿",
            document_number="",
            status=Status.DRAFT,
            published_on=None,
            body_text="学校食堂收费标准草稿，尚未公开。",
        ),
        "on_request": DocumentFactory(
            organisation=education,
            title="沈阳市教育局关于学校食堂内部审计的报告",
            document_number="沈教发〔2024〕99号",
            attribute=Attribute.ON_REQUEST,
            attribute_reason="内部管理信息",
            body_text="学校食堂内部审计发现的问题。",
        ),
        "sibling_draft": DocumentFactory(
            organisation=finance,
            title="沈阳市财政局关于学校食堂补助资金的草稿",
            document_number="",
            status=Status.DRAFT,
            published_on=None,
            body_text="学校食堂补助资金分配方案。",
        ),
    }
    docs["interpretation"] = InterpretationFactory(
        organisation=education,
        title="一图读懂学校食堂管理规定",
        body_html="<p>学校食堂管理规定解读：<b>食品安全</b>。</p>",
        documents=[docs["new"]],
    )
    reindex()
    return docs
