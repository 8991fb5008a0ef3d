"""The protected staff queue in the Wagtail admin: the list, one case and its handling, the audit log.

These are plain Django views mounted at /admin/referrals/ by `admin_urls.py`, not a ModelViewSet or
snippet: Wagtail's viewsets feed its own search index, history and log entries, which other admin
users can see. Nothing here calls Wagtail's `log()`. Who may use them is decided in `admin_access.py`
(`staff_queue_view`); every view of a case and every change writes a ReferralAuditEntry, which holds
no referral text.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from referral_form.admin_access import Action, record_audit, staff_queue_view
from referral_form.admin_forms import (
    ASSIGNEE_ME,
    ASSIGNEE_NOBODY,
    AssignForm,
    NoteForm,
    QueueFilterForm,
    ReplyForm,
    StatusForm,
    user_label,
)
from referral_form.fields import EncryptedTextField
from referral_form.models import (
    ENDED_STATUSES,
    REPORTED_FIELDS,
    Referral,
    ReferralAuditEntry,
    ReferralMessage,
)

PAGE_SIZE = 50
# The columns the list reads: metadata only, so nothing is decrypted for the list.
LIST_FIELDS = (
    "id", "received_at", "language", "writer_role", "region", "is_minor", "status",
    "status_changed_at", "assignee",
)

# What the detail view shows: what the reporter filled in, in the form's order, then what the form
# page knew. Encrypted fields are decrypted only here.
DETAIL_FIELDS = (*REPORTED_FIELDS, "language", "is_consultation")


# -- retention -------------------------------------------------------------------------------


def expiry_warning_cutoff() -> datetime.datetime:
    """Ended cases whose status changed before this moment are deleted within the warning period."""
    return timezone.now() - datetime.timedelta(
        days=settings.REFERRAL_RETENTION_DAYS - settings.REFERRAL_EXPIRY_WARNING_DAYS
    )


def expires_soon(referral, cutoff) -> bool:
    return referral.status in ENDED_STATUSES and referral.status_changed_at <= cutoff


# -- the list --------------------------------------------------------------------------------


def _filtered_queryset(request, form):
    referrals = (
        Referral.objects.only(*LIST_FIELDS)
        .select_related("assignee")
        .prefetch_related("exploitation_kinds")
        .order_by("-received_at")
    )
    if not form.is_valid():
        return referrals
    data = form.cleaned_data
    for name in ("status", "writer_role", "language"):
        if data[name]:
            referrals = referrals.filter(**{name: data[name]})
    if data["region"]:
        referrals = referrals.filter(region=data["region"])
    if data["kind"]:
        referrals = referrals.filter(exploitation_kinds__kind=data["kind"])
    assignee = data["assignee"]
    if assignee == ASSIGNEE_ME:
        referrals = referrals.filter(assignee=request.user)
    elif assignee == ASSIGNEE_NOBODY:
        referrals = referrals.filter(assignee__isnull=True)
    elif assignee:
        referrals = referrals.filter(assignee_id=int(assignee))
    if data["expiring"]:
        referrals = referrals.filter(status__in=ENDED_STATUSES, status_changed_at__lte=expiry_warning_cutoff())
    return referrals


@staff_queue_view
@require_GET
def referral_list(request):
    form = QueueFilterForm(request.GET)
    page = Paginator(_filtered_queryset(request, form), PAGE_SIZE).get_page(request.GET.get("p"))
    cutoff = expiry_warning_cutoff()
    rows = [
        {
            "referral": referral,
            "kinds": list(referral.exploitation_kinds.all()),
            "expires_on": referral.expires_on(),
            "expires_soon": expires_soon(referral, cutoff),
        }
        for referral in page.object_list
    ]
    filters = form.active_filters()
    record_audit(request.user, Action.LIST, detail=urlencode({**filters, "p": page.number}))
    return TemplateResponse(request, "referral_form/admin/list.html", {
        "filter_form": form,
        "page": page,
        "rows": rows,
        "filters_in_use": bool(filters),
        "warning_days": settings.REFERRAL_EXPIRY_WARNING_DAYS,
    })


# -- one case --------------------------------------------------------------------------------


@sensitive_variables()  # the decrypted texts, in an error report
def case_rows(referral):
    """The case as (label, value) rows: short facts, and the texts the reporter wrote (only those
    given, but always the description)."""
    facts, texts = [], []
    for name in DETAIL_FIELDS:
        field = Referral._meta.get_field(name)
        value = getattr(referral, name)
        if isinstance(field, EncryptedTextField):
            if value or name == "description":
                texts.append((field.verbose_name, value))
        elif field.choices:
            facts.append((field.verbose_name, getattr(referral, f"get_{name}_display")()))
        elif isinstance(field, BooleanField):
            facts.append((field.verbose_name, gettext("Yes") if value else gettext("No")))
        else:
            facts.append((field.verbose_name, value))
        if name == "description":
            kinds = ", ".join(str(kind) for kind in referral.exploitation_kinds.all())
            facts.append((_("Kinds of exploitation"), kinds))
    return facts, texts


@sensitive_variables()
def render_detail(request, pk, **forms):
    """The decrypted case, its messages and the handling forms; writes a VIEW audit entry."""
    referral = get_object_or_404(
        Referral.objects.select_related("assignee").prefetch_related("exploitation_kinds"), pk=pk
    )
    thread = list(referral.messages.select_related("author"))
    facts, texts = case_rows(referral)
    context = {
        "referral": referral,
        "facts": facts,
        "texts": texts,
        "thread": thread,
        "expires_on": referral.expires_on(),
        "expires_soon": expires_soon(referral, expiry_warning_cutoff()),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": referral.status}),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"assignee": referral.assignee_id}),
        "note_form": forms.get("note_form") or NoteForm(),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "assignee_label": user_label(referral.assignee),
    }
    record_audit(request.user, Action.VIEW, reference=referral.reference)
    status = 400 if forms else 200
    # Rendered inside sensitive_variables(): an error report of a failed rendering shows no decrypted text.
    return TemplateResponse(request, "referral_form/admin/detail.html", context, status=status).render()


@staff_queue_view
@require_GET
def referral_detail(request, pk):
    return render_detail(request, pk)


def _handling_referral(pk):
    """The case for a handling action, without decrypting any of its text."""
    return get_object_or_404(Referral.objects.only("id", "status", "status_changed_at", "assignee"), pk=pk)


@staff_queue_view
@require_POST
def change_status(request, pk):
    referral = _handling_referral(pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render_detail(request, pk, status_form=form)
    new_status = form.cleaned_data["status"]
    if new_status == referral.status:
        messages.info(request, gettext("The status was already that; nothing changed."))
        return redirect("referrals:detail", pk=pk)
    old_status = referral.status
    with transaction.atomic():
        referral.status = new_status
        referral.status_changed_at = timezone.now()
        referral.save(update_fields=["status", "status_changed_at"])
        record_audit(request.user, Action.STATUS, reference=referral.reference, detail=f"{old_status} → {new_status}")
    messages.success(request, gettext("The status was changed."))
    return redirect("referrals:detail", pk=pk)


@staff_queue_view
@require_POST
def change_assignee(request, pk):
    referral = _handling_referral(pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return render_detail(request, pk, assign_form=form)
    new_assignee = form.cleaned_data["assignee"]
    if (new_assignee.pk if new_assignee else None) == referral.assignee_id:
        messages.info(request, gettext("The assignee was already that; nothing changed."))
        return redirect("referrals:detail", pk=pk)
    old_assignee = referral.assignee
    with transaction.atomic():
        referral.assignee = new_assignee
        referral.save(update_fields=["assignee"])
        record_audit(
            request.user, Action.ASSIGN, reference=referral.reference,
            detail=f"{old_assignee.get_username() if old_assignee else '-'} → "
                   f"{new_assignee.get_username() if new_assignee else '-'}",
        )
    messages.success(request, gettext("The assignee was changed."))
    return redirect("referrals:detail", pk=pk)


@sensitive_variables()
def _add_message(request, pk, form_class, kind, action, done_message):
    referral = _handling_referral(pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return render_detail(request, pk, **{f"{form_class.prefix}_form": form})
    with transaction.atomic():
        message = ReferralMessage.objects.create(
            referral=referral, kind=kind, author=request.user, text=form.cleaned_data["text"]
        )
        record_audit(request.user, action, reference=referral.reference, detail=f"message {message.pk}")
    messages.success(request, done_message)
    return redirect("referrals:detail", pk=pk)


@sensitive_post_parameters()
@staff_queue_view
@require_POST
def add_note(request, pk):
    return _add_message(
        request, pk, NoteForm, ReferralMessage.Kind.NOTE, Action.NOTE, gettext("The internal note was added.")
    )


@sensitive_post_parameters()
@staff_queue_view
@require_POST
def add_reply(request, pk):
    return _add_message(
        request, pk, ReplyForm, ReferralMessage.Kind.REPLY, Action.REPLY,
        gettext("The reply was saved. The reporter sees it when they check their report."),
    )


@staff_queue_view
@require_http_methods(["GET", "POST"])
def delete_referral(request, pk):
    referral = get_object_or_404(Referral.objects.only("id", "received_at", "status"), pk=pk)
    if request.method == "POST":
        reference = referral.reference
        with transaction.atomic():
            # A real delete: the messages go with it (on_delete=CASCADE); only the audit trail remains.
            Referral.objects.filter(pk=referral.pk).only("id").delete()
            record_audit(request.user, Action.DELETE, reference=reference)
        messages.success(request, gettext("Case %(reference)s was deleted.") % {"reference": reference})
        return redirect("referrals:list")
    return TemplateResponse(request, "referral_form/admin/confirm_delete.html", {"referral": referral})


# -- the audit log ---------------------------------------------------------------------------


@staff_queue_view
@require_GET
def audit_log(request):
    entries = ReferralAuditEntry.objects.select_related("user").order_by("-timestamp", "-pk")
    reference = request.GET.get("reference", "").strip().upper()
    if reference:
        entries = entries.filter(referral_reference=reference[:8])
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "referral_form/admin/audit_log.html", {
        "page": page,
        "reference": reference[:8],
    })
