"""Visitors sending the referral form to a real server, and the check that nothing they sent was lost.

Used by `make soak` (tests/soak/soak.py) and by the tests that cut the database
(tests/site/test_outage.py). A visitor does what a browser does: GET the form page in their
language, take the signed form token and the choices offered, POST the form with a text that carries
a unique marker, and read the receipt code from the confirmation page (or the "not sent" page).
"""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from website.demo.loader import demo_url_path

# What happened, in some of the site's languages and scripts (Arabic and Persian right to left).
TEXTS = {
    "fi": "Naapurissa asuu ihmisiä, jotka tekevät töitä ilman palkkaa eivätkä saa lähteä talosta.",
    "sv": "Grannarna arbetar utan lön och får inte lämna huset.",
    "en": "My neighbours work without pay and are not allowed to leave the house.",
    "ar": "جيراني يعملون بدون أجر ولا يُسمح لهم بمغادرة المنزل.",
    "ru": "Мои соседи работают без оплаты, и им не разрешают выходить из дома.",
    "uk": "Мої сусіди працюють без оплати, і їм не дозволяють виходити з дому.",
    "fa": "همسایه‌های من بدون دستمزد کار می‌کنند و اجازه ندارند از خانه بیرون بروند.",
    "th": "เพื่อนบ้านของฉันทำงานโดยไม่ได้รับค่าจ้างและออกจากบ้านไม่ได้",
    "vi": "Hàng xóm của tôi làm việc không lương và không được phép rời khỏi nhà.",
}
RECEIPT = re.compile(r"data-receipt[^>]*>\s*([\d ]{19})\s*<")
TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
MARKER = re.compile(r"\[soak \d{6}\]")
EXPLOITATION_TYPES = re.compile(r'name="exploitation_types" value="([a-z_]+)"')


@dataclass
class Submission:
    """One visitor's report: what they sent, and what the site answered."""

    number: int
    language: str
    fields: dict
    status: int = 0
    body: str = ""
    receipt: str | None = None
    milliseconds: float = 0.0

    @property
    def marker(self) -> str:
        return marker(self.number)


def marker(number: int) -> str:
    """What makes a report's text unique, and findable again among the stored ones (MARKER)."""
    return f"[soak {number:06d}]"


def fetch(url: str, data: dict | None = None, timeout: float = 60) -> tuple[int, str]:
    """Status and text of a GET (or a POST of `data`); connection failures are status 0."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)  # noqa: S310 - our own local server
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def form_url(base_url: str, language: str) -> str:
    return base_url + demo_url_path("report", language)


def report_fields(number: int, language: str, exploitation_types: list[str]) -> dict:
    """A valid anonymous report whose text carries the marker of `number`."""
    fields = {
        "writer_role": "concerned", "sharing_level": "anonymous", "contact_method": "none",
        "is_minor": "unknown", "children_need_help": "unknown", "interpreter_needed": "unknown",
        "may_leave_message": "unknown", "website": "",
        "description": f"{TEXTS[language]} {marker(number)}",
        "municipality": f"Paikka {number}",
        "languages_spoken": language,
    }
    if exploitation_types:
        fields["exploitation_types"] = [exploitation_types[number % len(exploitation_types)]]
    return fields


def send_report(base_url: str, number: int, language: str) -> Submission:
    """GET the form, POST a report; the latency is the POST's, the one that stores."""
    url = form_url(base_url, language)
    status, page = fetch(url)
    token = TOKEN.search(page) if status == 200 else None
    submission = Submission(number, language, report_fields(number, language, EXPLOITATION_TYPES.findall(page)))
    if token is None:
        submission.status, submission.body = status, page
        return submission
    started = time.perf_counter()
    submission.status, submission.body = fetch(url, {**submission.fields, "form_token": token.group(1)})
    submission.milliseconds = (time.perf_counter() - started) * 1000
    if submission.status == 200 and (found := RECEIPT.search(submission.body)):
        submission.receipt = found.group(1)
    return submission


def send_reports(base_url: str, total: int, clients: int, languages=tuple(TEXTS), first: int = 0,
                 pause_when_not_sent: float = 0.0) -> list[Submission]:
    """`clients` visitors at once send `total` reports between them, as fast as the site answers (a
    visitor told "not sent, try again in a moment" waits `pause_when_not_sent` seconds first)."""
    numbers = iter(range(first, first + total))
    lock = threading.Lock()
    sent: list[Submission] = []

    def visitor():
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            submission = send_report(base_url, number, languages[number % len(languages)])
            with lock:
                sent.append(submission)
            if submission.receipt is None:
                time.sleep(pause_when_not_sent)

    with ThreadPoolExecutor(clients) as pool:
        for running in [pool.submit(visitor) for _ in range(clients)]:
            running.result()
    return sorted(sent, key=lambda submission: submission.number)


def stored_problems(sent: list[Submission], *, every_one_stored: bool = True, threads: int = 8) -> list[str]:
    """Check through the ORM, against the database the server used, that every receipt finds its own
    referral with exactly what was sent, decrypted; that no receipt repeats; and that nothing else,
    whole or half, is stored. With `every_one_stored=False` (the database was cut on purpose) a report
    answered "not sent" may be missing, or stored when its commit went through just as the
    connection was cut; a report with a receipt must be stored all the same."""
    from referral_form.models import Referral, ReferralExploitation, ReferralMessage

    problems = []
    receipts = [submission.receipt for submission in sent if submission.receipt]
    if len(set(receipts)) != len(receipts):
        problems.append(f"{len(receipts) - len(set(receipts))} receipt codes were given twice")
    if every_one_stored and len(receipts) != len(sent):
        problems.append(f"{len(sent) - len(receipts)} of {len(sent)} reports got no receipt")

    found = _find_by_receipts([submission for submission in sent if submission.receipt], threads)
    for submission in sent:
        if submission.receipt is None:
            continue
        referral = found[submission.number]
        if referral is None:
            problems.append(f"receipt of report {submission.number} finds nothing")
        elif (mismatch := _mismatch(referral, submission)):
            problems.append(f"report {submission.number}: stored {mismatch} differs from what was sent")
    if len({referral.pk for referral in found.values() if referral}) != len(found):
        problems.append("two receipts find the same referral")

    by_marker = {submission.marker: submission for submission in sent}
    descriptions = Referral.objects.values_list("description", flat=True)
    stored_markers = [MARKER.search(text) for text in descriptions]
    unknown = [marker for marker in stored_markers if marker is None or marker.group(0) not in by_marker]
    markers = [marker.group(0) for marker in stored_markers if marker]
    if unknown:
        problems.append(f"{len(unknown)} stored referrals were never sent")
    if len(set(markers)) != len(markers):
        problems.append(f"{len(markers) - len(set(markers))} reports are stored twice")
    if every_one_stored and len(markers) != len(sent):
        problems.append(f"{len(markers)} referrals stored for {len(sent)} reports sent")
    if ReferralMessage.objects.exists():
        problems.append("messages are stored that nobody sent")
    links = ReferralExploitation.objects
    orphans = links.exclude(referral_id__in=Referral.objects.values("pk")).count()
    expected_links = sum(
        len(by_marker[marker].fields.get("exploitation_types", [])) for marker in markers if marker in by_marker
    )
    if orphans or links.count() != expected_links:
        problems.append(f"{links.count()} kinds of exploitation stored, {expected_links} sent")
    return problems


def _mismatch(referral, submission: Submission) -> str | None:
    fields = submission.fields
    for name in ("description", "municipality", "languages_spoken"):
        if getattr(referral, name) != fields[name]:
            return name
    if referral.language != submission.language:
        return "language"
    if sorted(referral.exploitation_kinds.values_list("kind", flat=True)) != sorted(
        fields.get("exploitation_types", [])
    ):
        return "kinds of exploitation"
    return None


def _find_by_receipts(submissions: list[Submission], threads: int) -> dict:
    """find_by_receipt for each receipt, in `threads` threads: each look-up is a deliberately slow
    scrypt hash."""
    from django.db import connection

    from referral_form.submissions import find_by_receipt

    def look_up(chunk):
        return {submission.number: find_by_receipt(submission.receipt) for submission in chunk}

    if threads == 1:
        return look_up(submissions)

    def look_up_in_thread(chunk):
        try:
            return look_up(chunk)
        finally:
            connection.close()  # this thread's own connection

    found = {}
    with ThreadPoolExecutor(threads) as pool:
        for part in pool.map(look_up_in_thread, [submissions[start::threads] for start in range(threads)]):
            found.update(part)
    return found
