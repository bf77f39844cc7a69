"""The organisation tree (province → city → district/county → department → unit) and staff roles in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    DISTRICT = "district", _("区县（市）")
    DEPARTMENT = "department", _("部门")
    UNIT = "unit", _("单位")


# Organs whose documents are issued "in the name of the government" (以政府或政府办公厅名义印发).
GOVERNMENT_KINDS = {OrgKind.PROVINCE, OrgKind.CITY, OrgKind.DISTRICT}


class Organisation(models.Model):
    """An organ or unit (机构) that owns records; ``path`` is the materialised path of ids for subtree queries."""

    code = models.CharField(
        _("机构代码"),
        max_length=32,
        unique=True,
        help_text=_("统一社会信用代码（18位）、组织机构代码（9位）或本地代码；用于索引号。"),
    )
    name = models.CharField(_("名称"), max_length=128)
    short_name = models.CharField(_("简称"), max_length=64, blank=True)
    kind = models.CharField(_("层级"), max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    is_general_office = models.BooleanField(
        _("政府办公厅（室）"), default=False, help_text=_("以本级政府办公厅（室）名义发文的机构。")
    )
    index_number_pattern = models.CharField(
        _("索引号规则"),
        max_length=64,
        blank=True,
        help_text=_("留空使用默认规则 {code}/{year}-{serial:05d}；可用 {code} {year} {month:02d} {serial}。"),
    )
    site_code = models.CharField(_("政府网站标识码"), max_length=32, blank=True)
    address = models.CharField(_("办公地址"), max_length=255, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=128, blank=True)
    phone = models.CharField(_("联系电话"), max_length=64, blank=True)
    fax = models.CharField(_("传真"), max_length=64, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # 政府信息公开指南 (条例 art. 12, SPEC R1.3): the 工作机构 that receives applications and how to reach it.
    foi_office = models.CharField(
        _("政府信息公开工作机构"),
        max_length=128,
        blank=True,
        help_text=_("受理政府信息公开申请的机构名称，如“沈阳市教育局办公室”。"),
    )
    postcode = models.CharField(_("邮政编码"), max_length=16, blank=True)
    website = models.URLField(
        _("互联网联系方式"), max_length=255, blank=True, help_text=_("网站或网上申请地址，以 https:// 开头。")
    )
    foi_how_to_apply = models.TextField(
        _("申请须知"),
        blank=True,
        help_text=_("本机构受理申请的补充说明，如当面提交的地点、信件的收件部门；显示在信息公开指南中。"),
    )
    # 机关职能 and 负责人姓名: published under art. 20 (二) of the 条例.
    functions = models.TextField(_("机关职能"), blank=True)
    leaders = models.TextField(_("负责人"), blank=True, help_text=_("每行一位：姓名 职务。"))
    publisher_may_approve = models.BooleanField(
        _("允许审核人发布本人审核的信息"),
        default=False,
        help_text=_("默认审核与发布须由不同人员办理；人员较少的机构可开启，开启和关闭均记入审计记录。"),
    )
    sort_order = models.IntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["path", "sort_order"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documents:organisation", args=[self.code])

    @property
    def foi_office_name(self) -> str:
        """The 工作机构 named in the 指南: the one set, else the organisation itself."""
        return self.foi_office or self.name

    @property
    def leader_lines(self) -> list[str]:
        return [line.strip() for line in self.leaders.splitlines() if line.strip()]

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    @property
    def issues_in_government_name(self) -> bool:
        """True for a government or its general office (政府或政府办公厅), whose 规范性文件 need a 解读."""
        return self.kind in GOVERNMENT_KINDS or self.is_general_office


class Role(models.TextChoices):
    EDITOR = "editor", _("编辑")
    REVIEWER = "reviewer", _("审核")
    PUBLISHER = "publisher", _("发布")
    FOI_HANDLER = "foi_handler", _("依申请公开办理")
    HOTLINE_AGENT = "hotline_agent", _("热线坐席")
    DISPATCHER = "dispatcher", _("派单员")
    SUPERVISOR = "supervisor", _("督办")
    ADMIN = "admin", _("管理员")


class Membership(models.Model):
    """A role held by a staff member in one organisation (岗位); reaches sub-units only if ``includes_subunits``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    includes_subunits = models.BooleanField(_("含下级单位"), default=False)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"
