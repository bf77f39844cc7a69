"""The demo city's public participation, made through the services as staff and citizens would (issue 15, "Done
means"): one consultation open for comment, one closed with its 意见采纳情况 report published, and a session of
NPC suggestions and CPPCC proposals with their replies (建议提案办理)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.core.errors import ValidationFailed
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.orgs.models import Organisation
from gongkai.participation import period, proposals, services
from gongkai.participation.models import Consultation, Outcome, Proposal, ProposalKind

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
    proposals: int = 0  # suggestions and proposals made by this run


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
    return DemoResult(
        open_id=opened.pk, closed_id=closed.pk, created=created, proposals=load_proposals_demo(today=today)
    )


# --- 建议提案办理: a session of suggestions and proposals --------------------------------------------------------

SUGGESTION_SESSION = "市十七届人大五次会议"
PROPOSAL_SESSION = "市政协十五届五次会议"


@dataclass(frozen=True)
class ProposalCase:
    """One demo suggestion or proposal and how far it has gone.

    ``lead``/``co`` are organisation names; ``reply_after`` is the working days from assignment to the reply
    (None: still open); ``publish`` whether the lead office has published the reply yet.
    """

    kind: str
    number: str
    proposer: str
    summary: str
    full_text: str
    lead: str
    co: tuple[str, ...]
    co_answer: str = ""
    meeting: str = ""
    letter: str = ""
    classification: str = ""
    satisfaction: str = ""
    reply_after: int | None = None
    publish: bool = False


EDUCATION, FINANCE, OFFICE = "沈阳市教育局", "沈阳市财政局", "沈阳市人民政府办公厅"
# Replied cases were assigned this many working days before today (in spring, after the January sessions);
# the open one recently enough that its 60-working-day deadline is still ahead.
ASSIGNED_AGO = 170
OPEN_ASSIGNED_AGO = 40

PROPOSAL_CASES = [
    ProposalCase(
        kind=ProposalKind.SUGGESTION,
        number="1012",
        proposer="王建华",
        summary="提高中小学课后服务经费保障水平",
        full_text="目前部分学校课后服务经费主要依靠家长缴费，教师参与积极性不高。建议财政设立课后服务专项补助，"
        "对农村学校和薄弱学校给予倾斜。",
        lead=EDUCATION,
        co=(FINANCE,),
        co_answer="市财政局将在2027年预算中统筹安排课后服务补助资金，并向农村学校倾斜。",
        meeting="5月中旬与王建华代表电话沟通，介绍课后服务经费保障思路，代表表示认可。",
        letter="王建华代表：您提出的《关于提高中小学课后服务经费保障水平的建议》收悉。经会同市财政局研究，"
        "我市已建立课后服务“家长合理分担、财政适当补助”的经费保障机制，今年起对农村学校按生均标准给予补助。"
        "感谢您对教育工作的关心和支持。",
        classification="A",
        satisfaction="satisfied",
        reply_after=45,
        publish=True,
    ),
    ProposalCase(
        kind=ProposalKind.SUGGESTION,
        number="1047",
        proposer="李秀梅",
        summary="加快新建居住区配套幼儿园建设",
        full_text="浑南区、沈北新区新建居住区较多，配套幼儿园建设滞后，适龄儿童入园难。建议加快配套幼儿园建设和移交。",
        lead=EDUCATION,
        co=(FINANCE,),
        co_answer="市财政局将按规定对普惠性幼儿园建设给予资金支持。",
        meeting="6月上旬到李秀梅代表所在社区面商，实地查看两处配套幼儿园建设进度。",
        letter="李秀梅代表：您提出的建议收悉。我局已会同有关部门梳理新建居住区配套幼儿园清单，"
        "其中6所列入明年建设计划，建成后全部办成普惠性幼儿园。",
        classification="B",
        satisfaction="basically",
        reply_after=63,  # two working days late: the statistics show it
        publish=True,
    ),
    ProposalCase(
        kind=ProposalKind.PROPOSAL,
        number="0231",
        proposer="张志远",
        summary="在中小学推行校服自主选购",
        full_text="部分学校统一订购校服，价格偏高、款式单一。建议允许家长在公布的标准款式范围内自主选购。",
        lead=EDUCATION,
        co=(),
        meeting="与张志远委员座谈，听取其对校服质量监管的意见。",
        letter="张志远委员：您提出的提案收悉。校服采购须落实家长委员会参与和质量抽检制度，"
        "自主选购涉及质量监管和价格管理等问题，我局将在修订校服管理办法时认真研究吸纳。",
        classification="C",
        satisfaction="satisfied",
        reply_after=38,
        publish=True,
    ),
    ProposalCase(
        kind=ProposalKind.PROPOSAL,
        number="0258",
        proposer="刘晓东",
        summary="加强教育专项资金绩效管理",
        full_text="建议对教育专项资金实行全过程绩效管理，绩效评价结果与下年度预算安排挂钩并向社会公开。",
        lead=FINANCE,
        co=(EDUCATION,),
        co_answer="市教育局将配合开展教育专项资金绩效自评，按要求报送评价结果。",
        meeting="与刘晓东委员电话沟通，介绍预算绩效管理工作安排。",
        letter="刘晓东委员：您提出的提案收悉。我局已将教育专项资金全部纳入绩效目标管理，"
        "明年起重点项目绩效评价结果随部门决算一并公开。",
        classification="B",
        satisfaction="satisfied",
        reply_after=52,
        publish=False,  # replied, awaiting the lead office's review before publication (先审查、后发布)
    ),
    ProposalCase(
        kind=ProposalKind.SUGGESTION,
        number="1103",
        proposer="赵丽",
        summary="增设中小学专职心理健康教师岗位",
        full_text="学生心理健康问题日益突出，多数学校缺少专职心理健康教师。建议按师生比配备专职心理健康教师。",
        lead=EDUCATION,
        co=(FINANCE,),
        co_answer="市财政局将在核定的编制和经费范围内予以保障。",
    ),
]


def _working_days_before(day: dt.date, n: int, calendar: WorkCalendar) -> dt.date:
    while n:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _proposal_case(
    case: ProposalCase, *, actors: dict, offices: dict, assigned_on: dt.date, calendar
) -> None:
    session = SUGGESTION_SESSION if case.kind == ProposalKind.SUGGESTION else PROPOSAL_SESSION
    lead_editor, lead_publisher = actors[case.lead]
    proposal = proposals.proposal_register(
        actor=actors[OFFICE][0],
        coordinator=offices[OFFICE],
        data=proposals.ProposalData(
            kind=case.kind,
            session=session,
            number=case.number,
            proposer=case.proposer,
            summary=case.summary,
            full_text=case.full_text,
        ),
    )
    proposal = proposals.proposal_assign(
        proposal,
        actor=actors[OFFICE][0],
        lead_office=offices[case.lead],
        co_offices=[offices[name] for name in case.co],
        on=assigned_on,
    )
    for name in case.co:
        proposals.co_office_answer(
            proposal,
            actor=actors[name][0],
            organisation=offices[name],
            answer=case.co_answer,
            on=calendar.add_working_days(assigned_on, 12),
        )
    if case.meeting:
        proposals.meeting_record(
            proposal,
            actor=lead_editor,
            held_on=calendar.add_working_days(assigned_on, 25),
            notes=case.meeting,
        )
    if case.reply_after is None:
        return
    proposal = proposals.proposal_reply(
        proposal,
        actor=lead_editor,
        letter=case.letter,
        classification=case.classification,
        on=calendar.add_working_days(assigned_on, case.reply_after),
    )
    proposals.satisfaction_record(proposal, actor=lead_editor, satisfaction=case.satisfaction)
    if case.publish:
        proposals.proposal_publish(proposal, actor=lead_publisher)


def load_proposals_demo(*, today: dt.date) -> int:
    """Make the demo suggestions and proposals that are missing (keyed by kind, session and number), each through
    the proposal services, all-or-nothing per case; returns how many were made.

    Dates are counted back from ``today`` in working days, so every deadline falls within the holiday schedules
    known; a case whose dates need an unknown year's schedule (UnknownHolidaySchedule) is left out, not guessed.
    """
    offices = {org.name: org for org in Organisation.objects.filter(name__in=[EDUCATION, FINANCE, OFFICE])}
    users = (
        get_user_model()
        .objects.filter(username__in=["office_editor", "edu_editor", "edu_publisher", "fin_editor"])
        .in_bulk(field_name="username")
    )
    if len(offices) != 3 or len(users) != 4:
        raise ValidationFailed(
            "请先运行 load_demo_data 载入示例城市",
            detail="Load the demo city first",
            code="participation.demo_city_missing",
        )
    # (editor, publisher) per office: the coordinator's editor registers and assigns, each office's editor
    # answers and replies, and the lead office's publisher publishes (谁主办、谁公开).
    actors = {
        OFFICE: (users["office_editor"], None),
        EDUCATION: (users["edu_editor"], users["edu_publisher"]),
        FINANCE: (users["fin_editor"], users["fin_editor"]),
    }
    calendar = WorkCalendar()
    made = 0
    for case in PROPOSAL_CASES:
        session = SUGGESTION_SESSION if case.kind == ProposalKind.SUGGESTION else PROPOSAL_SESSION
        if Proposal.objects.filter(kind=case.kind, session=session, number=case.number).exists():
            continue
        try:
            with transaction.atomic():
                ago = OPEN_ASSIGNED_AGO if case.reply_after is None else ASSIGNED_AGO
                assigned_on = _working_days_before(today, ago, calendar)
                _proposal_case(
                    case, actors=actors, offices=offices, assigned_on=assigned_on, calendar=calendar
                )
        except UnknownHolidaySchedule:
            continue
        made += 1
    return made
