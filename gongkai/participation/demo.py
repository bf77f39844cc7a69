"""The demo city's consultations, made through the services as staff and citizens would: one open for comment,
one closed with its 意见采纳情况 report published (issue 15, "Done means")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from gongkai.core.errors import ValidationFailed
from gongkai.orgs.models import Organisation
from gongkai.participation import period, services
from gongkai.participation.models import Consultation, Outcome

OPEN_TITLE = "沈阳市中小学课后服务管理办法（征求意见稿）"
CLOSED_TITLE = "沈阳市校外培训机构监督管理办法（征求意见稿）"
OPEN_TEXT = """第一条 为规范中小学课后服务，减轻学生课业负担，制定本办法。
第二条 本办法适用于本市行政区域内公办义务教育学校开展的课后服务。
第三条 课后服务坚持学生家长自愿参加原则，学校不得强制或者变相强制学生参加。
第四条 课后服务时间原则上不早于当地正常下班时间结束。
第五条 课后服务收费标准由市发展改革部门会同市教育部门制定。"""
CLOSED_TEXT = """第一条 为加强校外培训机构监督管理，维护学生和家长合法权益，制定本办法。
第二条 本办法适用于本市行政区域内面向中小学生的校外培训机构。
第三条 培训机构应当公示收费标准。
第四条 培训机构一次性收取费用的时间跨度不得超过三个月。
第五条 本办法自发布之日起施行。"""
COMMENTS = [
    (3, "建议明确要求在机构门口和网站同时公示收费标准和退费办法。"),
    (3, "收费标准应当公示，还应公示退费流程和时限。"),
    (4, "三个月太长，建议改为按课时收费。"),
    (None, "希望出台后加强执法检查，我的电话 13812345678 可回访。"),
    (None, "某某培训班很好，欢迎报名咨询！"),
]


@dataclass(frozen=True)
class DemoResult:
    open_id: int
    closed_id: int
    created: int


def _users():
    users = (
        get_user_model()
        .objects.filter(username__in=["edu_editor", "edu_publisher"])
        .in_bulk(field_name="username")
    )
    if len(users) != 2:
        raise ValidationFailed(
            "请先运行 load_demo_data 载入示例城市",
            detail="Load the demo city first",
            code="participation.demo_city_missing",
        )
    return users["edu_editor"], users["edu_publisher"]


def _comment(consultation: Consultation, index: int, paragraph: int | None, body: str):
    address = f"demo-citizen{index}@example.com"
    code = services.confirmation_code_issue(channel="email", address=address)
    return services.comment_submit(
        consultation=consultation,
        data=services.CommentData(
            body=body, channel="email", address=address, code=code, paragraph=paragraph
        ),
        client_key=f"demo-{index}",
    )


def load_participation_demo() -> DemoResult:
    """Create the two demo consultations unless they exist (idempotent by title)."""
    organisation = Organisation.objects.filter(name="沈阳市教育局").first()
    if organisation is None:
        raise ValidationFailed(
            "请先运行 load_demo_data 载入示例城市",
            detail="Load the demo city first",
            code="participation.demo_city_missing",
        )
    editor, publisher = _users()
    # The editor drafts, moderates and records outcomes; the publisher opens and publishes the report.
    editor_and_publisher = publisher
    today = period.today()
    created = 0
    opened = Consultation.objects.filter(title=OPEN_TITLE).first()
    if opened is None:
        opened = services.consultation_create(
            actor=editor,
            organisation=organisation,
            data=services.DraftData(
                title=OPEN_TITLE,
                draft_text=OPEN_TEXT,
                drafting_note="根据国家关于进一步减轻义务教育阶段学生作业负担和校外培训负担的要求，起草本办法。",
                is_major_decision=False,
                opens_on=today,
                closes_on=today + dt.timedelta(days=20),
            ),
        )
        services.consultation_open(opened, actor=editor_and_publisher)
        for index, (paragraph, body) in enumerate(COMMENTS[:3]):
            comment = _comment(opened, 100 + index, paragraph, body)
            services.comment_moderate(comment, actor=editor, approve=True)
        _comment(opened, 199, None, "建议延长课后服务时间。")  # left pending: the moderation queue has work
        created += 1
    closed = Consultation.objects.filter(title=CLOSED_TITLE).first()
    if closed is None:
        closed = services.consultation_create(
            actor=editor,
            organisation=organisation,
            data=services.DraftData(
                title=CLOSED_TITLE,
                draft_text=CLOSED_TEXT,
                drafting_note="为规范校外培训行为，起草本办法。",
                is_major_decision=False,
                opens_on=today - dt.timedelta(days=30),
                closes_on=today,
            ),
        )
        services.consultation_open(closed, actor=editor_and_publisher)
        comments = [
            _comment(closed, index, paragraph, body) for index, (paragraph, body) in enumerate(COMMENTS)
        ]
        for comment in comments[:4]:
            services.comment_moderate(comment, actor=editor, approve=True)
        services.comment_moderate(comments[4], actor=editor, approve=False, reason="含商业广告")
        services.consultation_close(closed, actor=editor, reason="演示数据：征求意见期限视为届满")
        services.response_record(
            closed,
            actor=editor,
            comment_ids=[comments[0].pk, comments[1].pk],
            outcome=Outcome.ADOPTED,
            reason="已在第三条中增加公示位置和退费办法。",
            summary="建议明确收费标准和退费办法的公示方式",
        )
        services.response_record(
            closed,
            actor=editor,
            comment_ids=[comments[2].pk],
            outcome=Outcome.NOT_ADOPTED,
            reason="国家规定一次性收费时间跨度不得超过三个月，本办法与上位规定保持一致。",
        )
        services.response_record(
            closed,
            actor=editor,
            comment_ids=[comments[3].pk],
            outcome=Outcome.PARTLY,
            reason="执法检查的具体安排将另行制定年度计划，本办法增加原则性规定。",
        )
        adopted = CLOSED_TEXT.replace(
            "培训机构应当公示收费标准。", "培训机构应当在经营场所显著位置和网站公示收费标准、退费办法。"
        ).replace(
            "第五条 本办法自发布之日起施行。",
            "第五条 教育部门应当会同有关部门加强日常检查。\n第六条 本办法自发布之日起施行。",
        )
        services.consultation_set_adopted_text(
            closed, actor=editor, adopted_text=adopted, report_note="感谢社会各界的关心和支持。"
        )
        services.consultation_publish_report(closed, actor=publisher)
        created += 1
    return DemoResult(open_id=opened.pk, closed_id=closed.pk, created=created)
