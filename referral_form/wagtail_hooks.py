"""The staff queue's place in the Wagtail admin: its URLs under /admin/referrals/ and a menu item.

Referral is deliberately not a snippet or ModelViewSet, not in any search index and never passed
to Wagtail's `log()`: the admin search, dashboard, history and reports show nothing of a referral.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from referral_form import admin_views, two_factor
from referral_form.admin_forms import HANDLE_PERMISSION

queue_urlpatterns = [
    path("", admin_views.referral_list, name="list"),
    path("audit/", admin_views.audit_log, name="audit"),
    path("two-factor/setup/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("<uuid:pk>/", admin_views.referral_detail, name="detail"),
    path("<uuid:pk>/status/", admin_views.change_status, name="status"),
    path("<uuid:pk>/assign/", admin_views.change_assignee, name="assign"),
    path("<uuid:pk>/note/", admin_views.add_note, name="note"),
    path("<uuid:pk>/reply/", admin_views.add_reply, name="reply"),
    path("<uuid:pk>/delete/", admin_views.delete_referral, name="delete"),
]


@hooks.register("register_admin_urls")
def register_referral_queue_urls():
    return [path("referrals/", include((queue_urlpatterns, "referrals"), namespace="referrals"))]


class ReferralQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(HANDLE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_referral_queue_menu_item():
    return ReferralQueueMenuItem(
        _("Referrals"), reverse("referrals:list"), name="referrals", icon_name="mail", order=250
    )
