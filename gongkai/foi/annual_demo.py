"""A small demo loader for the annual report: applications to the demo city's organisations filed and handled
through the real services (so every count is one the report computes, never a typed-in figure), a few 行政复议 /
行政诉讼 cases, and each organisation's recorded figures and texts for the year.

Used by ``manage.py foi_annual_report --demo`` to produce ``docs/foi-annual-report-demo-<year>.md``. Until the
FOI demo data of the main loader lands, this is where the demo city's applications come from. Deterministic
(fixed seed); run twice, it adds nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.foi import annual_services, services
from gongkai.foi.models import (
    ApplicantKind,
    DeliveryForm,
    DeliveryWay,
    FoiAnnualReport,
    FoiApplication,
    IdType,
    RemedyKind,
    RemedyOutcome,
    ReportMapping,
)
from gongkai.orgs.models import Organisation

DEMO_NAME = "演示申请人"
SAMPLE_ID_CARD = "11010519491231002X"
SAMPLE_USCC = "91210100MA0Y12345M"
DESCRIPTIONS = [
    "本市义务教育阶段学校招生计划及其制定依据",
    "某路段道路改造工程的立项批复和环评文件",
    "本区老旧小区改造项目的资金使用情况",
    "某企业环境行政处罚决定书",
    "本年度城市低保标准调整的文件",
    "某地块国有土地使用权出让合同",
]


def _input(org: Organisation, kind: str, i: int, rng: random.Random) -> services.ApplicationInput:
    person = kind == ApplicantKind.PERSON
    return services.ApplicationInput(
        organisation=org,
        applicant_kind=kind,
        name=f"{DEMO_NAME}{i}" if person else f"{DEMO_NAME}{i}有限公司",
        id_type=IdType.ID_CARD if person else IdType.USCC,
        id_number=SAMPLE_ID_CARD if person else SAMPLE_USCC,
        legal_representative="" if person else "王五",
        phone="13800000000",
        email=f"demo{i}@example.com",
        description=rng.choice(DESCRIPTIONS),
        delivery_form=DeliveryForm.ELECTRONIC,
        delivery_way=DeliveryWay.EMAIL,
    )


@transaction.atomic
def demo_load(*, year: int, n: int = 240, seed: int = 13) -> int:
    """Applications over ``year - 1`` and ``year`` (up to today) to the demo city's active organisations; returns
    how many were added (0 when the demo applications exist already)."""
    if FoiApplication.objects.filter(name__startswith=DEMO_NAME).exists():
        return 0
    rng = random.Random(seed)
    root = demo_city()
    organisations = list(
        Organisation.objects.filter(is_active=True, path__startswith=root.path).order_by("path", "sort_order")
    )
    actor = _demo_actor(root)
    mapping = list(ReportMapping.objects.values_list("decision", "report_row"))
    disclosing = [(d, r) for d, r in mapping if r in ("1", "2")] or mapping
    today = timezone.localdate()
    start = dt.date(year - 1, 3, 1)
    span = max((min(today, dt.date(year, 12, 31)) - start).days, 1)
    weights = [60, 20, 6, 5, 5, 4]  # 自然人 file most applications
    for i in range(n):
        org = organisations[rng.randrange(min(len(organisations), 25))]
        kind = rng.choices(ApplicantKind.values, weights=weights)[0]
        on = start + dt.timedelta(days=rng.randrange(span))
        application, _secret = services.application_file(data=_input(org, kind, i, rng), submitted_on=on)
        roll = rng.random()
        if on < today - dt.timedelta(days=20) and roll < 0.8:
            # Most replies disclose; the rest spread over every row of the mapping.
            decision, row = rng.choice(mapping) if rng.random() < 0.45 else rng.choice(disclosing)
            services.application_reply(
                application,
                actor=actor,
                decision=decision,
                report_row=row,
                text="答复内容（演示）",
                today=today,
            )
            if rng.random() < 0.06:
                case = annual_services.remedy_record(
                    application, actor=actor, kind=rng.choice(RemedyKind.values), filed_on=today, today=today
                )
                if rng.random() < 0.5:
                    annual_services.remedy_conclude(
                        case,
                        actor=actor,
                        outcome=rng.choice(RemedyOutcome.values),
                        decided_on=today,
                        today=today,
                    )
        elif roll < 0.85:
            services.application_withdraw(application, actor=None, reason="申请人撤回（演示）", today=today)
    for org in organisations[:25]:
        FoiAnnualReport.objects.update_or_create(
            organisation=org,
            year=year,
            aggregate=False,
            defaults={
                "licensing_decisions": rng.randrange(0, 400),
                "penalty_decisions": rng.randrange(0, 120),
                "enforcement_decisions": rng.randrange(0, 20),
                "fees_wan_yuan": Decimal(rng.randrange(0, 30000)) / 100,
            },
        )
    FoiAnnualReport.objects.update_or_create(
        organisation=root,
        year=year,
        aggregate=True,
        defaults={
            "overview": "",
            "problems": (
                "一是部分单位主动公开栏目更新不够及时；二是依申请公开答复文书的说理还不够充分。"
                "下一步将加强业务培训，完善答复文书模板，并按季度通报各单位办理情况。"
            ),
            "other_matters": "本年度未发生需要报告的其他事项。",
        },
    )
    return n


def demo_city() -> Organisation:
    """The demo city: the active organisation of kind 市 nearest the root, else the root of the tree."""
    from gongkai.orgs.models import OrgKind

    active = Organisation.objects.filter(is_active=True).order_by("path")
    city = active.filter(kind=OrgKind.CITY).order_by("path").first()
    return city or active.filter(parent=None).order_by("id").first()


def _demo_actor(root: Organisation):
    """The demo city's openness office head (holds every permission over the tree)."""
    from django.contrib.auth import get_user_model

    from gongkai.orgs.models import Membership, Role

    user, _created = get_user_model().objects.get_or_create(username="demo-foi-office")
    Membership.objects.get_or_create(
        user=user, organisation=root, role=Role.ADMIN, defaults={"includes_subunits": True}
    )
    return user
