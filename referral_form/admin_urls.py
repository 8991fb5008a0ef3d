"""The staff queue's URLs, mounted at /admin/referrals/ by the root URLconf, before Wagtail's admin.

Not through Wagtail's `register_admin_urls` hook: Wagtail wraps those URLs in its own admin check,
which turns anonymous visitors and users without admin access away before `staff_queue_view` can
log the refusal. `staff_queue_view` applies Wagtail's check itself once its own has passed.
"""

from django.urls import path

from referral_form import admin_views, two_factor

app_name = "referrals"

urlpatterns = [
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
