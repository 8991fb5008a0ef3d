"""gunicorn's logger without client addresses.

The access log format in gunicorn.conf.py already leaves out the address, user agent and referrer.
gunicorn's error log still names the client when it refuses a malformed request
("Invalid request from ip=203.0.113.7: ..."); this logger replaces the address.
"""

import logging
import re

from gunicorn.glogging import Logger

CLIENT_ADDRESS = re.compile(r"\bip=\S+(?=: )")


def _hide_client_address(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    if "ip=" in message:
        record.msg, record.args = CLIENT_ADDRESS.sub("ip=[hidden]", message), ()
    return True


class AddressFreeLogger(Logger):
    def __init__(self, cfg):
        super().__init__(cfg)
        self.error_log.addFilter(_hide_client_address)
