from django import template

from website.security import csp_nonce as request_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    """This request's Content-Security-Policy nonce, for a `<script nonce="...">` we wrote or vetted."""
    return request_nonce()
