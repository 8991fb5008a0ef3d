"""Fixtures of the staff queue: referrals made through the ORM (so encrypted), and the staff users."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from referral_form.models import Referral, ReferralExploitation, SharingLevel, WriterRole

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_referral():
    """Create a Referral; `exploitation_types` and `region` may be given as codes."""

    def make(**fields):
        kinds = fields.pop("exploitation_types", None)
        values = {
            "language": "fi",
            "receipt_digest": uuid.uuid4().hex,
            "writer_role": WriterRole.SELF,
            "sharing_level": SharingLevel.CONFIDENTIAL,
            "description": "Minulta vietiin passi ja palkka.",
            **fields,
        }
        referral = Referral.objects.create(**values)
        if kinds:
            ReferralExploitation.objects.bulk_create(
                ReferralExploitation(referral=referral, kind=kind) for kind in kinds
            )
        return referral

    return make


def queue_requests(referral):
    """Every queue URL as (URL name, URL, the POST data a handler would send)."""
    pk = referral.pk
    return [
        ("list", reverse("referrals:list"), {}),
        ("audit", reverse("referrals:audit"), {}),
        ("two_factor_setup", reverse("referrals:two_factor_setup"), {"token": "123456"}),
        ("two_factor_verify", reverse("referrals:two_factor_verify"), {"token": "123456"}),
        ("detail", reverse("referrals:detail", args=[pk]), {}),
        ("status", reverse("referrals:status", args=[pk]), {"status": "in_review"}),
        ("assign", reverse("referrals:assign", args=[pk]), {"assignee": ""}),
        ("note", reverse("referrals:note", args=[pk]), {"note-text": "muistiinpano"}),
        ("reply", reverse("referrals:reply", args=[pk]), {"reply-text": "vastaus"}),
        ("delete", reverse("referrals:delete", args=[pk]), {}),
    ]


def _user(username, *, groups=(), superuser=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        first_name=username.capitalize(), is_superuser=superuser, is_staff=superuser,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def wrong_code(device: TOTPDevice) -> str:
    """A code that no step within the device's tolerance accepts."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    valid = set()
    for offset in range(-device.tolerance - 1, device.tolerance + 2):
        totp.time = (now + offset) * device.step + device.t0
        valid.add(totp.token())
    candidate = 123456
    while candidate in valid:
        candidate += 1
    return str(candidate).zfill(device.digits)


def verified_client(user, device) -> Client:
    """A client logged in as `user` whose session has passed the TOTP step (as django_otp.login does)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def editor():
    return _user("editor", groups=["Editors"])


@pytest.fixture
def handler():
    """A referral handler who has not set up two-factor authentication."""
    return _user("handler", groups=["Referral handlers"])


@pytest.fixture
def handler_2fa():
    user = _user("handler2fa", groups=["Referral handlers"])
    user.totp_device = confirmed_device(user)
    return user


@pytest.fixture
def superuser_2fa():
    user = _user("root2fa", superuser=True)
    user.totp_device = confirmed_device(user)
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def handler_client(handler):
    client = Client()
    client.force_login(handler)
    return client


@pytest.fixture
def staff_client(handler_2fa):
    """A referral handler past the TOTP step."""
    return verified_client(handler_2fa, handler_2fa.totp_device)


@pytest.fixture
def superuser_client(superuser_2fa):
    return verified_client(superuser_2fa, superuser_2fa.totp_device)
