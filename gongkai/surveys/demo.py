"""The demo city's opinion surveys: one with published results, one open to answer.

Made through the services, as staff and citizens would (never by setting a status or writing rows), and only
once (keyed by title). The responses of the published survey are generated with a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.surveys import services
from gongkai.surveys.models import IdentityMode, QuestionKind, Survey

PUBLISHED = "2026年义务教育课后服务满意度调查"
OPEN = "城市供暖服务质量网上民意调查"
RESPONSES = 120


def _questions(admin, survey: Survey, *, heating: bool) -> None:
    subject = "供暖" if heating else "课后服务"
    services.question_add(
        actor=admin,
        survey=survey,
        kind=QuestionKind.SCALE,
        text=f"您对{subject}的总体满意程度",
        scale_min=1,
        scale_max=5,
        scale_min_label="很不满意",
        scale_max_label="很满意",
    )
    services.question_add(
        actor=admin,
        survey=survey,
        kind=QuestionKind.SINGLE,
        text="您的身份" if not heating else "您居住的区",
        options=["学生家长", "学生", "教师", "其他"]
        if not heating
        else ["和平区", "沈河区", "皇姑区", "其他"],
    )
    services.question_add(
        actor=admin,
        survey=survey,
        kind=QuestionKind.MULTIPLE,
        text="您认为最需要改进的方面（可多选）",
        options=["时间安排", "内容质量", "收费", "安全管理"]
        if not heating
        else ["室温达标", "报修响应", "收费", "信息公开"],
    )
    services.question_add(
        actor=admin, survey=survey, kind=QuestionKind.TEXT, text="其他意见和建议", required=False
    )


def load_surveys_demo() -> int:
    """Create the demo surveys that are missing; returns how many were made."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.filter(username="admin").first()
    city = Organisation.objects.filter(name="沈阳市人民政府").first()
    education = Organisation.objects.filter(name__contains="教育局", parent=city).first()
    if admin is None or city is None or education is None:
        return 0
    made = 0
    now = timezone.now().replace(second=0, microsecond=0)
    if not Survey.objects.filter(title=PUBLISHED).exists():
        survey = services.survey_create(
            actor=admin,
            organisation=education,
            data=services.SurveyData(
                title=PUBLISHED,
                purpose="了解学生家长对义务教育阶段课后服务的评价，改进课后服务工作。",
                method="面向全市公开征集，不验证身份；同一设备或网络地址的再次提交标记为疑似重复并计入统计。",
                identity_mode=IdentityMode.NONE,
                opens_at=now - dt.timedelta(days=14),
                closes_at=now + dt.timedelta(minutes=10),
            ),
        )
        _questions(admin, survey, heating=False)
        services.survey_open(survey, actor=admin)
        rng = random.Random(15)
        texts = ["希望增加体育活动", "课后服务时间可以再延长半小时", "有问题请联系我 13812345678", ""]
        for i in range(RESPONSES):
            answers = {
                1: [str(rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 4])[0])],
                2: [str(rng.choice([1, 1, 1, 2, 3, 4]))],
                3: [str(n) for n in rng.sample([1, 2, 3, 4], rng.randint(1, 3))],
                4: [rng.choice(texts)],
            }
            services.response_submit(
                survey=survey,
                answers=answers,
                device_key=f"demo-device-{i if i % 20 else 0}",
                address_key=f"demo-address-{i}",
                now=survey.opens_at + dt.timedelta(hours=2 + i),
            )
        services.survey_close(survey, actor=admin)
        services.survey_publish(survey, actor=admin)
        made += 1
    if not Survey.objects.filter(title=OPEN).exists():
        survey = services.survey_create(
            actor=admin,
            organisation=city,
            data=services.SurveyData(
                title=OPEN,
                purpose="评估本供暖期供暖政策的执行情况。",
                method="面向全市居民公开调查，凭手机号码或电子邮箱验证码参加，每个号码或邮箱限答一次。",
                identity_mode=IdentityMode.CONFIRM,
                opens_at=now - dt.timedelta(days=1),
                closes_at=now + dt.timedelta(days=30),
            ),
        )
        _questions(admin, survey, heating=True)
        services.survey_open(survey, actor=admin)
        made += 1
    return made
