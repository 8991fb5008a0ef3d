"""The permission matrix: every URL of the site and the admin, requested as every kind of user.

Every pattern of the root URLconf is filled with real objects (or listed in NOT_REQUESTED with a
reason), so a new URL cannot slip past: `test_every_url_pattern_is_requested_or_listed` fails
until it is covered. Each (role, request) cell must not fail with a 500, and referral data (the
decrypted words, the person's name, the messages, the case's reference) may appear only in the
answers of the queue, /admin/referrals/, to handlers and superusers who have passed the second
factor. Every other request of a queue URL is refused, logged on `referral_form.access` and (for
signed-in users) audited.

The data are built once for the module, inside a transaction rolled back at its end; each test
runs in a savepoint of its own, as usual.
"""

import functools
import io
import logging
import uuid
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.models import EditingSession
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Site,
    Task,
    UploadedFile,
    Workflow,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import OverridableSegment, StringSegment, Translation, TranslationSource

from pages.models import ContactPerson, ContentPage, ReportPage, SiteContactSettings
from referral_form.models import Referral, ReferralAuditEntry, ReferralFormPage, ReferralMessage
from tests.referral_form.conftest import PASSWORD, confirmed_device, queue_requests, verified_client

pytestmark = [
    pytest.mark.django_db,
    # wagtail_localize's translations report paginates an unordered queryset: a warning (an error
    # under pytest), harmless in production.
    pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning"),
]

Action = ReferralAuditEntry.Action
ACCESS_LOGGER = "referral_form.access"
TWO_FACTOR_PAGES = {"two_factor_setup", "two_factor_verify"}
USER_AGENT = "MatrixAgent/1.0 (matrix test)"
REMOTE_ADDR = "192.0.2.77"

# The case: two words of its text, so that a search for one can be told from a leak of the other.
SEARCHED_WORD = "Zanzibarkvartsi"
HIDDEN_WORD = "Kuovinpelakuu"
PERSON_NAME = "Oskari Tuntematonnimi"
REPORTER_MESSAGE = "Lisatietoa Hirvenkallio"
NOTE_TEXT = "Muistio Karhunkierros"
REPLY_TEXT = "Vastaus Sammalpeite"
CASE_PK = uuid.UUID("c0deba5e-4d1e-4e55-9a7b-5ec2e7a1b0c4")
REFERENCE = CASE_PK.hex[:8].upper()  # what the queue and its audit log show
MARKERS = (SEARCHED_WORD, HIDDEN_WORD, PERSON_NAME, REPORTER_MESSAGE, NOTE_TEXT, REPLY_TEXT, REFERENCE)
# What the queue does show a verified handler (so that the matrix would notice markers gone wrong).
SHOWN_TO_HANDLERS = {"detail": MARKERS, "list": (REFERENCE,), "audit": (REFERENCE,)}

# Public pages in several languages: every page type in Finnish, and these in other languages too.
LANGUAGES = ("fi", "sv", "en", "ar")
PAGES_IN_EVERY_LANGUAGE = ("HomePage", "ReferralFormPage")

# Patterns that are not requested, by route, with the reason.
NOT_REQUESTED = {
    "admin/failwhale/": "Wagtail's deliberate error page (raises on purpose for superusers)",
    "admin/localize/translate/<int:translation_id>/preview/<str:mode>/": (
        "our pages have only the default preview mode, '', which the pattern without a mode requests"
    ),
}


# -- roles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    name: str
    user: object = None
    device: object = None

    @property
    def verified(self) -> bool:
        return self.device is not None

    def new_client(self) -> Client:
        """A client signed in as this role (with the second factor confirmed if the role has one)."""
        kwargs = {"HTTP_USER_AGENT": USER_AGENT, "REMOTE_ADDR": REMOTE_ADDR}
        if self.user is None:
            return Client(**kwargs)
        client = verified_client(self.user, self.device) if self.verified else Client()
        client.defaults.update(kwargs)
        if not self.verified:
            client.force_login(self.user)
        return client

    def expected_denial(self, url_name: str):
        """How a queue URL refuses this role: (status, where the redirect goes) or None if allowed."""
        if self.verified:
            return None
        if self.user is None:
            return 302, reverse("wagtailadmin_login")
        if not self.user.has_perm("referral_form.handle_referral"):
            return 403, None
        if url_name in TWO_FACTOR_PAGES:
            return None  # the way in for a handler without a second factor; refused nothing
        return 302, reverse("referrals:two_factor_setup")


ROLE_NAMES = (
    "anonymous", "no_admin", "editor", "publisher", "handler", "handler_2fa", "superuser", "superuser_2fa",
)


def _make_user(username, *, groups=(), superuser=False, with_device=False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        is_superuser=superuser, is_staff=superuser,
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user, confirmed_device(user) if with_device else None


def _make_roles() -> dict[str, Role]:
    specs = {
        "no_admin": {},
        "editor": {"groups": ["Editors"]},
        "publisher": {"groups": ["Publishers"]},
        "handler": {"groups": ["Referral handlers"]},
        "handler_2fa": {"groups": ["Referral handlers"], "with_device": True},
        "superuser": {"superuser": True},
        "superuser_2fa": {"superuser": True, "with_device": True},
    }
    roles = {"anonymous": Role("anonymous")}
    for name, spec in specs.items():
        user, device = _make_user(f"matrix-{name}", **spec)
        roles[name] = Role(name, user, device)
    return roles


# -- the data --------------------------------------------------------------------------------


@dataclass
class World:
    roles: dict
    referral: Referral
    objects: dict  # by what a URL parameter names: "page", "image", a snippet model, ...
    public_urls: list


def _make_case(handler, handler_2fa) -> Referral:
    referral = Referral.objects.create(
        id=CASE_PK, language="fi", receipt_digest=uuid.uuid4().hex, writer_role="self",
        sharing_level="confidential", description=f"{SEARCHED_WORD} {HIDDEN_WORD}: he took my passport.",
        person_name=PERSON_NAME, assignee=handler,
    )
    Kind = ReferralMessage.Kind
    for kind, text, author in (
        (Kind.FROM_REPORTER, REPORTER_MESSAGE, None),
        (Kind.NOTE, NOTE_TEXT, handler_2fa),
        (Kind.REPLY, REPLY_TEXT, handler_2fa),
    ):
        ReferralMessage.objects.create(referral=referral, kind=kind, text=text, author=author)
    for action in (Action.VIEW, Action.NOTE, Action.REPLY):
        ReferralAuditEntry.objects.create(user=handler_2fa, action=action, referral_reference=REFERENCE)
    return referral


def _make_objects(roles) -> dict:
    superuser = roles["superuser"].user
    editor = roles["editor"].user
    page = ContentPage.objects.filter(locale__language_code="fi").order_by("path").first()
    home = page.get_parent()
    revision = page.save_revision(user=editor)
    workflow = Workflow.objects.get(name="Review before publishing")
    workflow_state = workflow.start(page, editor)
    task_state = workflow_state.current_task_state

    collection = Collection.get_first_root_node().add_child(name="Matrix collection")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="matrix-password",
    )
    image = get_image_model().objects.create(title="Matrix image", file=get_test_image_file(), collection=collection)
    document = get_document_model().objects.create(
        title="Matrix document", file=ContentFile(b"matrix document\n", name="matrix.txt"),
    )
    uploads = {
        kind: UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(model), uploaded_by_user=superuser,
            file=ContentFile(get_test_image_file().file.getvalue(), name="upload.png"),
        )
        for kind, model in (("image_upload", get_image_model()), ("document_upload", get_document_model()))
    }
    # A report page: it has overridable segments (its document) as well as strings.
    source, _created = TranslationSource.get_or_create_from_instance(
        ReportPage.objects.filter(locale__language_code="fi").order_by("path").first()
    )
    page_translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="sv"))
    editing_session = EditingSession.objects.create(
        user=editor, content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    objects = {
        "root": Page.get_first_root_node(),
        "page": page,
        "home": home,
        "revision": revision,
        "workflow": workflow,
        "task": Task.objects.get(name="Publisher approval"),
        "workflow_state": workflow_state,
        "task_state": task_state,
        "collection": collection,
        "restriction": restriction,
        "image": image,
        "document": document,
        **uploads,
        "translation_source": source,
        "translation": page_translation,
        "string_segment": StringSegment.objects.filter(source=source).first(),
        "overridable_segment": OverridableSegment.objects.filter(source=source).first(),
        "editing_session": editing_session,
        "redirect": Redirect.objects.create(old_path="/vanha-osoite", redirect_link="/fi/"),
        "locale": Locale.objects.get(language_code="fi"),
        "site": Site.objects.get(is_default_site=True),
        "user": editor,
        "group": Group.objects.get(name="Editors"),
        "settings": SiteContactSettings.load(),
    }
    for model in get_snippet_models():
        objects[model] = model.objects.order_by("pk").first()
    return objects


def _public_urls() -> list[str]:
    """Page routes: a page of every type in Finnish, some types in other languages, the form's check/."""
    urls = []
    seen_types = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        kind = type(page).__name__
        language = page.locale.language_code
        if (language == "fi" and kind not in seen_types) or (
            language in LANGUAGES and kind in PAGES_IN_EVERY_LANGUAGE
        ):
            urls.append(page.url)
            if language == "fi":
                seen_types.add(kind)
            if isinstance(page, ReferralFormPage):
                urls.append(page.url + "check/")
    return urls


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        roles = _make_roles()
        referral = _make_case(roles["handler"].user, roles["handler_2fa"].user)
        objects = _make_objects(roles)
        yield World(roles, referral, objects, _public_urls())
        transaction.set_rollback(True)


@pytest.fixture
def clients(world) -> dict[str, Client]:
    """A signed-in client per role, new for each test: no cookie (a pending message, say) carries over."""
    return {name: role.new_client() for name, role in world.roles.items()}


# -- every URL pattern, filled ---------------------------------------------------------------


@dataclass(frozen=True)
class UrlPattern:
    route: str  # the full pattern, the key of NOT_REQUESTED
    view_name: str | None
    parameters: tuple
    callback: object

    @property
    def namespace(self) -> str:
        return self.view_name.rpartition(":")[0] if self.view_name else ""

    @property
    def is_queue(self) -> bool:
        return self.namespace == "referrals"


@functools.cache
def url_patterns() -> tuple[UrlPattern, ...]:
    """Every pattern of the root URLconf, nested ones included, each once (by route)."""
    found = {}

    def walk(patterns, prefix, namespaces, parameters):
        for pattern in patterns:
            names = tuple(pattern.pattern.regex.groupindex) or tuple(
                f"_{index}" for index in range(pattern.pattern.regex.groups)
            )
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, namespaces + ([pattern.namespace] if pattern.namespace else []),
                     parameters + names)
            elif route not in found:
                view_name = ":".join([*namespaces, pattern.name]) if pattern.name else None
                found[route] = UrlPattern(route, view_name, parameters + names, pattern.callback)

    walk(get_resolver().url_patterns, "", [], ())
    return tuple(found.values())


# The object a `pk` stands for, by URL namespace (snippets are found by their model instead).
PK_OBJECTS = {
    "wagtailadmin_collections": "collection",
    "wagtailadmin_workflows": "workflow",
    "wagtailadmin_pages": "page",
    "wagtaillocales": "locale",
    "wagtailsites": "site",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtaildocs_chooser": "document",
    "wagtailimages_chooser": "image",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:documents": "document",
    "wagtailadmin_api:images": "image",
    "wagtailsettings": "settings",
    "referrals": "referral",
    "wagtail_localize": ContactPerson,  # the snippet of FIXED_PARAMETERS' app_label and model_name
}
# Workflow tasks share the workflows namespace.
PK_OBJECTS_BY_VIEW = {f"wagtailadmin_workflows:{name}": "task" for name in ("edit_task", "disable_task", "enable_task")}

# Values of parameters that name an object, by parameter name.
OBJECT_PARAMETERS = {
    "page_id": "page", "parent_page_id": "home", "page_to_move_id": "page", "destination_id": "home",
    "page_pk": "root", "workflow_pk": "workflow", "revision_id": "revision", "task_state_id": "task_state",
    "task_id": "task", "workflow_state_id": "workflow_state", "collection_id": "collection",
    "image_id": "image", "document_id": "document", "doc_id": "document", "redirect_id": "redirect",
    "restriction_id": "restriction", "translation_id": "translation",
    "translation_source_id": "translation_source", "string_segment_id": "string_segment",
    "overridable_segment_id": "overridable_segment", "session_id": "editing_session",
}
# Uploads waiting in the multiple uploaders, by URL namespace.
UPLOADS = {"wagtailimages": "image_upload", "wagtaildocs": "document_upload"}
# Parameters that name a type, an action or a mode, by view (or by parameter name for any view).
FIXED_PARAMETERS = {
    "wagtail_bulk_action": {"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
    "wagtailadmin_pages:add": {"content_type_app_name": "pages", "content_type_model_name": "contentpage"},
    "wagtailadmin_pages:preview_on_add": {"content_type_app_name": "pages", "content_type_model_name": "contentpage"},
    "wagtailadmin_pages:type_use": {"content_type_app_name": "pages", "content_type_model_name": "contentpage"},
    "wagtailadmin_pages:type_use_results": {
        "content_type_app_name": "pages", "content_type_model_name": "contentpage",
    },
    "wagtailadmin_pages:choose_parent": {"app_label": "pages", "model_name": "contentpage"},
    "wagtailadmin_pages:workflow_action": {"action_name": "approve"},
    "wagtailadmin_pages:collect_workflow_action_data": {"action_name": "approve"},
    "wagtailadmin_pages:revisions_compare": {"revision_id_a": "earliest", "revision_id_b": "latest"},
    "wagtailadmin_tag_model_autocomplete": {"app_name": "wagtaildocs", "model_name": "document"},
    "wagtailadmin_editing_sessions:ping": {"app_label": "wagtailcore", "model_name": "page"},
    "wagtailadmin_workflows:add_task": {"app_label": "wagtailcore", "model_name": "groupapprovaltask"},
    "wagtailadmin_api:pages:action": {"action_name": "copy"},
    "wagtail_localize:submit_snippet_translation": {"app_label": "pages", "model_name": "contactperson"},
    "wagtail_localize:snippets_api_listing": {"app_label": "pages", "model_name": "contactperson"},
    "wagtail_localize:snippets_api_detail": {"app_label": "pages", "model_name": "contactperson"},
    "wagtailsettings:edit": {"app_name": "pages", "model_name": "sitecontactsettings"},
    "wagtailsettings:preview_on_edit": {"app_name": "pages", "model_name": "sitecontactsettings"},
    "wagtailimages:preview": {"filter_spec": "fill-80x80"},
}


def _snippet_model(namespace):
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            app_label, _sep, model_name = namespace.removeprefix(prefix).rpartition("_")
            return apps.get_model(app_label, model_name)
    return None


def _value(world, pattern, parameter):
    """The value of one URL parameter of a pattern, or None if the matrix has nothing for it."""
    objects = {**world.objects, "referral": world.referral}
    fixed = FIXED_PARAMETERS.get(pattern.view_name, {})
    if parameter in fixed:
        return fixed[parameter]
    if parameter in OBJECT_PARAMETERS:
        instance = objects[OBJECT_PARAMETERS[parameter]]
        return instance.pk if instance is not None else None
    if parameter == "uploaded_file_id":
        return objects[UPLOADS[pattern.namespace]].pk
    if parameter == "object_id":
        return str(objects["page"].pk)
    if parameter in ("uidb64", "token"):
        user = objects["user"]
        return urlsafe_base64_encode(force_bytes(user.pk)) if parameter == "uidb64" else (
            default_token_generator.make_token(user))
    if parameter == "pk":
        key = PK_OBJECTS_BY_VIEW.get(pattern.view_name) or PK_OBJECTS.get(pattern.namespace)
        instance = objects.get(key) if key else objects.get(_snippet_model(pattern.namespace))
        return instance.pk if instance is not None else None
    return None


def filled_urls(world, pattern) -> list[str]:
    """The URLs this pattern is requested at (empty if it cannot be filled)."""
    if pattern.route in NOT_REQUESTED:
        return []
    if pattern.view_name == "wagtail_serve":
        return world.public_urls
    if pattern.view_name == "search":
        return [_in_language(language, "search") for language in LANGUAGES]
    if pattern.view_name == "wagtaildocs_serve":
        document = world.objects["document"]
        return [reverse("wagtaildocs_serve", args=[document.pk, document.filename])]
    if pattern.view_name is None:
        return [LITERAL_URLS[pattern.route]] if pattern.route in LITERAL_URLS else []
    kwargs = {parameter: _value(world, pattern, parameter) for parameter in pattern.parameters}
    if any(value is None for value in kwargs.values()):
        return []
    return [reverse(pattern.view_name, kwargs=kwargs)]


def _in_language(language, view_name):
    with translation.override(language):
        return reverse(view_name)


# Patterns without a name, by route.
LITERAL_URLS = {
    "admin/test404/": "/admin/test404/",
    "admin/^.*/$": "/admin/no-such-admin-page/",
}


# -- requests and what each answer may show --------------------------------------------------


@dataclass
class Cell:
    role: Role
    method: str
    url: str
    pattern: UrlPattern | None
    data: dict = field(default_factory=dict)

    @property
    def queue_url_name(self) -> str | None:
        if self.pattern is None or not self.pattern.is_queue:
            return None
        return self.pattern.view_name.partition(":")[2]

    @property
    def query(self) -> str:
        return self.url.partition("?")[2]


def response_text(response) -> str:
    """Everything a response shows: its body (unzipped if it is a spreadsheet) and its headers."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
    headers = " ".join(f"{name}: {value}" for name, value in response.items())
    return body.decode("utf-8", errors="replace") + "\n" + headers


def leaked_markers(cell, text) -> list[str]:
    # A search box echoes its own query: the searched word may appear where it was asked for.
    return [
        marker for marker in MARKERS
        if marker in text and not (marker == SEARCHED_WORD and SEARCHED_WORD in cell.query)
    ]


def send(cell, client):
    if cell.pattern is not None and cell.pattern.view_name == "wagtailadmin_logout":
        client = cell.role.new_client()  # signing out must not sign out the shared client
    return client.post(cell.url, cell.data) if cell.method == "POST" else client.get(cell.url)


def check_cell(cell, client, caplog) -> list[str]:
    """Request one cell; return what is wrong with its answer (empty if nothing)."""
    role = cell.role
    log_count = len(_access_records(caplog))
    audit_count = ReferralAuditEntry.objects.filter(action=Action.DENIED).count()
    try:
        response = send(cell, client)
    except Exception as error:  # noqa: BLE001 - every failure of the matrix is reported together
        return [f"{role.name} {cell.method} {cell.url}: raised {error!r}"]
    problems = []
    where = f"{role.name} {cell.method} {cell.url} ({response.status_code})"
    if response.status_code >= 500:
        problems.append(f"{where}: server error")
    text = response_text(response)
    queue_allowed = cell.pattern is not None and cell.pattern.is_queue and role.verified
    leaked = leaked_markers(cell, text)
    if leaked and not queue_allowed:
        problems.append(f"{where}: shows {leaked}")
    if queue_allowed and cell.method == "GET":
        missing = [marker for marker in SHOWN_TO_HANDLERS.get(cell.queue_url_name, ()) if marker not in text]
        if missing:
            problems.append(f"{where}: the queue does not show {missing}")
    new_logs = _access_records(caplog)[log_count:]
    new_denials = ReferralAuditEntry.objects.filter(action=Action.DENIED).count() - audit_count
    denial = role.expected_denial(cell.queue_url_name) if cell.queue_url_name else None
    if denial is None:
        if new_logs or new_denials:
            problems.append(f"{where}: refusal logged ({len(new_logs)}) or audited ({new_denials}) unexpectedly")
        return problems
    status, location = denial
    if response.status_code != status or (location and not response.get("Location", "").startswith(location)):
        problems.append(f"{where}: expected {status} {location or ''}, got {response.get('Location', '')}")
    problems += _check_denial_records(cell, where, new_logs, new_denials)
    return problems


def _check_denial_records(cell, where, new_logs, new_denials) -> list[str]:
    role = cell.role
    url_name = cell.queue_url_name
    who = role.user.pk if role.user is not None else "anonymous"
    expected = f"user={who} method={cell.method} url={url_name} "
    problems = []
    if len(new_logs) != 1 or expected not in new_logs[0].getMessage():
        problems.append(f"{where}: expected one log record with {expected!r}, got {[r.getMessage() for r in new_logs]}")
    for record in new_logs:
        message = record.getMessage()
        if record.levelno != logging.WARNING or any(
            secret in message for secret in (REMOTE_ADDR, USER_AGENT, str(CASE_PK), *MARKERS)
        ):
            problems.append(f"{where}: log record {message!r} is not a plain WARNING")
    if new_denials != (0 if role.user is None else 1):
        problems.append(f"{where}: {new_denials} DENIED audit entries")
    return problems


def _access_records(caplog):
    return [record for record in caplog.records if record.name == ACCESS_LOGGER]


def cells_for(world, role) -> list[Cell]:
    """Every URL for one role: GET everywhere, then POST on the queue (deleting the case last)."""
    cells = []
    for pattern in url_patterns():
        for url in filled_urls(world, pattern):
            cells.append(Cell(role, "GET", url, pattern))
    cells += [Cell(role, "GET", url, _pattern_of(url)) for url in extra_urls(world)]
    queue = {pattern.view_name: pattern for pattern in url_patterns() if pattern.is_queue}
    posts = [
        Cell(role, "POST", url, queue[f"referrals:{name}"], data) for name, url, data in queue_requests(world.referral)
    ]
    return cells + sorted(posts, key=lambda cell: cell.url.endswith("/delete/"))


def _pattern_of(url):
    match = get_resolver().resolve(url.partition("?")[0])
    return next((pattern for pattern in url_patterns() if pattern.callback is match.func), None)


def extra_urls(world) -> list[str]:
    """Searches for the case's first word, and every export Wagtail's listings offer (the `_results`
    views behind the listings export the same)."""
    searched = urlencode({"q": SEARCHED_WORD})
    urls = ["/admin/search/?" + searched, f"{reverse('search')}?{searched}"]
    for pattern in url_patterns():
        base = filled_urls(world, pattern)
        if not base or pattern.view_name is None or not pattern.route.startswith("admin/"):
            continue
        if _is_searchable(pattern):
            urls.append(f"{base[0]}?{searched}")
        if not pattern.view_name.endswith("_results"):
            urls += [f"{base[0]}?{urlencode({'export': export})}" for export in _export_formats(pattern)]
    return urls


SEARCH_VIEW_NAMES = ("search", "search_results", "index", "index_results", "list", "list_results", "choose",
                     "choose_results", "wagtailadmin_explore")


def _is_searchable(pattern) -> bool:
    """Listings, choosers and searches: the views that take a `q`."""
    return pattern.view_name.rpartition(":")[2].endswith(SEARCH_VIEW_NAMES)


def _export_formats(pattern) -> list[str]:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
        return []
    initkwargs = getattr(pattern.callback, "view_initkwargs", {})
    if not (initkwargs.get("list_export") or view_class.list_export):
        return []
    return list(view_class.FORMATS)


# -- the tests -------------------------------------------------------------------------------


def test_every_url_pattern_is_requested_or_listed(world):
    unfilled = [
        pattern.route for pattern in url_patterns()
        if pattern.route not in NOT_REQUESTED and not filled_urls(world, pattern)
    ]
    assert not unfilled, f"{unfilled}: fill these patterns in the matrix, or list them in NOT_REQUESTED with a reason"
    routes = {pattern.route for pattern in url_patterns()}
    assert set(NOT_REQUESTED) <= routes, "NOT_REQUESTED lists patterns that no longer exist"


@pytest.mark.parametrize("role_name", ROLE_NAMES)
def test_permission_matrix(world, clients, role_name, caplog):
    caplog.set_level(logging.WARNING, logger=ACCESS_LOGGER)
    problems = []
    for cell in cells_for(world, world.roles[role_name]):
        problems += check_cell(cell, clients[role_name], caplog)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/api/", "/api/v2/", "/api/v2/pages/", "/api/v2/documents/", "/fi/api/v2/pages/"])
def test_there_is_no_public_api(clients, path):
    for role_name in ("anonymous", "superuser_2fa"):
        assert clients[role_name].get(path).status_code == 404


def test_handling_a_case_leaves_no_trace_in_wagtail_history_or_logs(world, clients):
    for _name, url, data in queue_requests(world.referral):
        assert clients["handler_2fa"].post(url, data).status_code < 500
    assert not Referral.objects.filter(pk=CASE_PK).exists()  # the last request deleted it
    referral_types = ContentType.objects.filter(
        app_label="referral_form", model__in=["referral", "referralmessage", "referralauditentry"]
    )
    assert not ModelLogEntry.objects.filter(content_type__in=referral_types).exists()
    assert not PageLogEntry.objects.filter(content_type__in=referral_types).exists()
    history_urls = [
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:site_history") + "?export=csv",
        reverse("wagtailusers_users:history", args=[world.roles["handler_2fa"].user.pk]),
        reverse("wagtailadmin_pages:history", args=[world.objects["page"].pk]),
    ]
    for url in history_urls:
        response = clients["superuser_2fa"].get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response_text(response), "html.parser")
        for menu in page.select("#wagtail-sidebar-props"):
            menu.decompose()  # the menu's "Referrals" item is the one mention allowed
        text = str(page).lower()
        assert "referral" not in text, url
        assert not [marker for marker in MARKERS if marker.lower() in text], url
