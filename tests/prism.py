"""Stoplight Prism for the delivery tests: a contract-validating server made from the official
ZGW Documenten API 1.5.0 specification (an unchanged copy in ``.ci/zgw``, see its README).

``.ci/start-prism`` installs Prism 5.14.2 into ``.ci/prism/node_modules`` (and exports
``MAGNEETBORD_PRISM``); a test starts ``prism mock --errors`` (stateless: 400 for a request
that breaks the specification, 401 without authentication) or ``prism proxy --errors`` in
front of a server of the test's own (both requests and answers are checked). Where Prism or
the specification cannot be had, the test skips and says why.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRISM_ENV = "MAGNEETBORD_PRISM"
SPEC_ENV = "MAGNEETBORD_ZGW_SPEC"
SPEC_NAME = "documenten-api-1.5.0.openapi.yaml"


def spec_path() -> Path:
    candidates = [os.environ.get(SPEC_ENV), ROOT / ".ci" / "zgw" / SPEC_NAME]  # a copy, unchanged (EUPL-1.2)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.skip(f"De ZGW-specificatie {SPEC_NAME} is er niet (zet {SPEC_ENV}).")


def prism_binary() -> str:
    for candidate in (os.environ.get(PRISM_ENV), str(ROOT / ".ci" / "prism" / "node_modules" / ".bin" / "prism")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("Prism ontbreekt: installeer het met 'source .ci/start-prism' (Node.js en npm nodig).")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def prism(*args: str, log: Path) -> Iterator[str]:
    """``prism <args> --errors`` on a free port; yields its URL, stops it afterwards."""
    port = free_port()
    command = [prism_binary(), *args, "--errors", "-h", "127.0.0.1", "-p", str(port)]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120  # node starts slowly on a busy machine
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"Prism stopte meteen: {log.read_text(errors='replace')[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.2)
        else:
            pytest.fail("Prism luisterde niet binnen 120 seconden.")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def violations(log: Path) -> list[str]:
    """The lines in which Prism reports that a request or an answer broke the specification."""
    text = log.read_text(errors="replace")
    return [line for line in text.splitlines() if "violation" in line.lower()]
