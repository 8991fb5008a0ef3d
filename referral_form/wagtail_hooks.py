"""The staff queue's menu item in the Wagtail admin (its URLs are in `admin_urls.py`).

Referral is deliberately not a snippet or ModelViewSet, not in any search index and never passed
to Wagtail's `log()`: the admin search, dashboard, history and reports show nothing of a referral.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from referral_form.admin_forms import HANDLE_PERMISSION


class ReferralQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(HANDLE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_referral_queue_menu_item():
    return ReferralQueueMenuItem(
        _("Referrals"), reverse("referrals:list"), name="referrals", icon_name="mail", order=250
    )
