"""Schemathesis hooks for scripts/fuzz-api: authentication that survives the run's own sign-outs.

The fuzzer calls every documented operation, `DELETE /api/v1/session` included, and that revokes the
token it was sent with. Schemathesis caches the token this provider returns and, when a request that
carried it answers 401, drops it, asks `get` again and replays the request once. So `get` always signs
in afresh: it is called only at the start, when the cache expires (every 5 minutes) and after a 401,
that is after the run signed itself out.

The login throttle (5 failures per user name, 25 per address, within 15 minutes) must not lock this
hook out while the fuzzer sends wrong passwords to `POST /api/v1/session`: the hook signs in as a user
of its own (created by scripts/fuzz-api) from another loopback address (127.0.0.2 by default; the
fuzzer's own requests come from 127.0.0.1), so the per-address count it depends on never grows. Its
user name is no secret: Schemathesis reads it from `GET /api/v1/me` answers and reuses it, so a
`before_call` hook renames it in every login the fuzzer itself sends, and the per-name count stays 0.

Environment (set by scripts/fuzz-api): NAMHOC_FUZZ_BASE_URL, NAMHOC_FUZZ_USERNAME, NAMHOC_FUZZ_PASSWORD,
NAMHOC_FUZZ_SOURCE_ADDRESS (empty: let the system choose).
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import threading
import urllib.parse

import schemathesis

SESSION_PATH = "/api/v1/session"

_lock = threading.Lock()
sign_ins = 0


def _sign_in() -> str:
    global sign_ins
    base = urllib.parse.urlsplit(os.environ.get("NAMHOC_FUZZ_BASE_URL", "http://127.0.0.1:18080"))
    source = os.environ.get("NAMHOC_FUZZ_SOURCE_ADDRESS", "127.0.0.2")
    body = json.dumps(
        {"username": os.environ["NAMHOC_FUZZ_USERNAME"], "password": os.environ["NAMHOC_FUZZ_PASSWORD"]}
    )
    connection = http.client.HTTPConnection(
        base.hostname, base.port or 80, timeout=30, source_address=(source, 0) if source else None
    )
    try:
        connection.request("POST", SESSION_PATH, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        payload = response.read().decode("utf-8", "replace")
    finally:
        connection.close()
    if response.status != 201:
        raise RuntimeError(f"sign-in for the fuzzer failed: HTTP {response.status} {payload[:300]}")
    with _lock:
        sign_ins += 1
    return json.loads(payload)["token"]


@atexit.register
def _report() -> None:
    print(f"fuzz-api hook: signed in {sign_ins} time(s)", flush=True)


@schemathesis.auth()
class NamHocBearer:
    """A fresh bearer token of the hook's admin each time Schemathesis asks for one."""

    def get(self, case, context):
        return _sign_in()

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


@schemathesis.hook
def before_call(context, case, kwargs):
    """Keep the fuzzer's own (mostly wrong) logins off the hook's user name, so it is never throttled."""
    if case.method.upper() != "POST" or case.path != SESSION_PATH or not isinstance(case.body, dict):
        return
    name = case.body.get("username")
    # The server trims and lowercases the name before counting failures: compare the same way.
    if isinstance(name, str) and name.strip().lower() == os.environ["NAMHOC_FUZZ_USERNAME"].lower():
        case.body["username"] = "not-" + name
