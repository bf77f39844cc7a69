"""Forms of the applicant's pages and the handler's steps; the rules themselves are in ``foi.services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import ServiceErrorsMixin
from gongkai.foi.models import (
    ApplicantKind,
    Channel,
    Decision,
    DeliveryForm,
    DeliveryWay,
    FeeBasis,
    IdType,
    ProactiveDecision,
    ReportRow,
)
from gongkai.foi.services import ApplicationInput
from gongkai.orgs.models import Organisation

REQUIRED = {"required": _("此项为必填项")}


def _read(upload) -> tuple[str, bytes] | None:
    if not upload:
        return None
    return upload.name, upload.read()


class ApplicationForm(ServiceErrorsMixin, forms.Form):
    """政府信息公开申请表 (art. 29, R1.6)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("受理机关"), error_messages=REQUIRED
    )
    applicant_kind = forms.ChoiceField(
        choices=ApplicantKind.choices, label=_("申请人类型"), error_messages=REQUIRED
    )
    name = forms.CharField(max_length=100, label=_("姓名或名称"), error_messages=REQUIRED)
    id_type = forms.ChoiceField(choices=IdType.choices, label=_("证件类型"), error_messages=REQUIRED)
    id_number = forms.CharField(max_length=40, label=_("证件号码"), error_messages=REQUIRED)
    legal_representative = forms.CharField(max_length=50, required=False, label=_("法定代表人或负责人"))
    contact_person = forms.CharField(max_length=50, required=False, label=_("联系人"))
    phone = forms.CharField(max_length=30, label=_("联系电话"), error_messages=REQUIRED)
    email = forms.EmailField(
        required=False,
        label=_("电子邮箱"),
        error_messages={"invalid": _("电子邮箱格式不正确，例如 name@example.com")},
    )
    address = forms.CharField(max_length=200, required=False, label=_("通信地址"))
    postcode = forms.CharField(max_length=6, required=False, label=_("邮政编码"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        label=_("所需信息的名称、文号或其他特征性描述"),
        error_messages=REQUIRED,
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False, label=_("用途说明")
    )
    delivery_form = forms.ChoiceField(
        choices=DeliveryForm.choices, label=_("提供形式"), error_messages=REQUIRED
    )
    delivery_way = forms.ChoiceField(
        choices=DeliveryWay.choices, label=_("获取方式"), error_messages=REQUIRED
    )
    identity_proof = forms.FileField(required=False, label=_("身份证明材料（可选）"))
    attachment = forms.FileField(required=False, label=_("其他附件（可选）"))

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.filter(is_active=True)
        ).order_by("path")

    def to_data(self) -> ApplicationInput:
        c = self.cleaned_data
        attachment = _read(c.get("attachment"))
        return ApplicationInput(
            organisation=c["organisation"],
            applicant_kind=c["applicant_kind"],
            name=c["name"],
            id_type=c["id_type"],
            id_number=c["id_number"],
            legal_representative=c["legal_representative"],
            contact_person=c["contact_person"],
            phone=c["phone"],
            email=c["email"],
            address=c["address"],
            postcode=c["postcode"],
            description=c["description"],
            purpose=c["purpose"],
            delivery_form=c["delivery_form"],
            delivery_way=c["delivery_way"],
            identity_proof=_read(c.get("identity_proof")),
            attachments=[attachment] if attachment else [],
        )

    def add_service_errors(self, exc) -> None:
        if "attachments" in exc.fields:
            exc.fields = {"attachment": exc.fields["attachments"]}
        super().add_service_errors(exc)


class RegisterForm(ApplicationForm):
    """Staff register an application received in person, by post, fax or e-mail (R1.7)."""

    channel = forms.ChoiceField(choices=Channel.choices, label=_("申请渠道"))
    submitted_on = forms.DateField(
        label=_("提交（寄出）日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    signed_on = forms.DateField(
        required=False, label=_("签收日期（邮寄）"), widget=forms.DateInput(attrs={"type": "date"})
    )
    confirmed_on = forms.DateField(
        required=False,
        label=_("确认收到日期（平信、传真、电子邮件）"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class LookupForm(forms.Form):
    tracking_number = forms.CharField(max_length=32, label=_("申请编号"), error_messages=REQUIRED)
    secret = forms.CharField(
        max_length=64, label=_("查询码"), error_messages=REQUIRED, widget=forms.PasswordInput
    )


class SupplementForm(ServiceErrorsMixin, forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=4000, label=_("补正内容"))


class WithdrawForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False, label=_("撤回理由")
    )


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class CorrectionForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("需补正的事项（一次性告知）"))
    period_days = forms.IntegerField(min_value=1, max_value=60, initial=15, label=_("补正期限（日）"))
    on = _date(_("告知日期"))


class ConsultForm(ServiceErrorsMixin, forms.Form):
    third_party = forms.CharField(max_length=200, label=_("第三方"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("说明"))
    on = _date(_("发出日期"))


class EndConsultForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("第三方意见"))
    on = _date(_("收到意见日期"))


class ExtendForm(ServiceErrorsMixin, forms.Form):
    days = forms.IntegerField(min_value=1, max_value=20, initial=20, label=_("延长工作日数"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("延长理由"))


class TransferForm(ServiceErrorsMixin, forms.Form):
    to_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True), label=_("转至机关")
    )
    notice = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("告知申请人的内容"))


class ReplyForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices, label=_("答复类型"))
    report_row = forms.ChoiceField(
        choices=[("", _("按答复类型默认")), *ReportRow.choices], required=False, label=_("年报统计项")
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("答复内容"))


class StaffSupplementForm(SupplementForm):
    on = _date(_("收到补正日期"))


class AbandonForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("理由"))


class ApproveExtensionForm(ServiceErrorsMixin, forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("意见"))


class RefuseExtensionForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("不予批准的理由"))


class FeeForm(ServiceErrorsMixin, forms.Form):
    basis = forms.ChoiceField(choices=FeeBasis.choices, label=_("计收方式（只能选一种）"))
    pages = forms.IntegerField(
        min_value=1, required=False, label=_("页数（按量计收时填写）"), help_text=_("按件计收时留空")
    )
    on = _date(_("通知日期"))
    payment_days = forms.IntegerField(min_value=1, max_value=60, initial=20, label=_("缴费期限（日）"))


class PaymentForm(ServiceErrorsMixin, forms.Form):
    on = _date(_("缴费日期"))


class AssignForm(ServiceErrorsMixin, forms.Form):
    """分办: the department is the receiving organ or a unit below it; the handler holds ``foi.handle`` there."""

    department = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("承办部门")
    )
    assignee = forms.ModelChoiceField(queryset=None, required=False, label=_("承办人"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("说明"))

    def __init__(self, *args, application=None, **kwargs):
        from django.contrib.auth import get_user_model

        from gongkai.orgs.models import Membership
        from gongkai.orgs.scope import Perm, roles_granting

        super().__init__(*args, **kwargs)
        users = get_user_model().objects.none()
        if application is not None:
            organ = application.organisation
            departments = Organisation.objects.filter(is_active=True, path__startswith=organ.path)
            self.fields["department"].queryset = departments
            ids = Membership.objects.filter(
                role__in=roles_granting(Perm.FOI_HANDLE),
                organisation__in=departments,
                user__is_active=True,
            ).values("user_id")
            users = get_user_model().objects.filter(pk__in=ids).order_by("username")
        self.fields["assignee"].queryset = users
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class ProactiveForm(ServiceErrorsMixin, forms.Form):
    decision = forms.ChoiceField(choices=ProactiveDecision.choices, label=_("研判结论"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("说明"))


class PublishForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
        label=_("公开文本"),
        help_text=_("留空则公开答复内容；公开前一律经过脱敏处理"),
    )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        label=_("撤回理由"),
        help_text=_("撤回后，公众页面和站内搜索不再显示该答复；理由记入办理记录"),
    )


STEP_FORMS = {
    "request_correction": CorrectionForm,
    "consult": ConsultForm,
    "end_consultation": EndConsultForm,
    "request_extension": ExtendForm,
    "approve_extension": ApproveExtensionForm,
    "refuse_extension": RefuseExtensionForm,
    "issue_fee": FeeForm,
    "record_payment": PaymentForm,
    "fee_lapse": AbandonForm,
    "assign": AssignForm,
    "transfer": TransferForm,
    "reply": ReplyForm,
    "abandon": AbandonForm,
    "supplement": StaffSupplementForm,
    "withdraw": WithdrawForm,
}


class LetterTemplateForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(max_length=100, label=_("标题"))
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=8000,
        label=_("正文"),
        help_text=_("每行一段；可用的占位符见下表"),
    )
    legal_basis = forms.CharField(max_length=300, label=_("法律依据"))


def step_form(action: str, application, data=None):
    """The form of ``action`` for ``application`` (the assignment form lists its departments and handlers)."""
    form_class = STEP_FORMS[action]
    if form_class is AssignForm:
        return form_class(data, prefix=action, application=application)
    return form_class(data, prefix=action)
