"""What the privacy notice and the referral form say about how long reports are kept."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def retention_days() -> int:
    """Days after which a closed case's report is deleted: the number the retention command uses
    (`REFERRAL_RETENTION_DAYS`), so that no page can state another one."""
    return settings.REFERRAL_RETENTION_DAYS
