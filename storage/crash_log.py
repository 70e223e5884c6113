"""The crash reports on this device: the folder ``crashes`` in the user data folder.

One file per crash (``crash-<UTC time>.txt``), written whole or not at all, for this user only
(0600 in a 0700 folder); the newest ``KEEP`` stay, each at most ``MAX_BYTES``. What goes in
them is made by ``services.crash``: the exception's type and where it was raised, never its
message or any value. Beside them ``melden.json`` says that the next start should tell the
professional (once: ``take_notice`` removes it).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from datetime import datetime
from pathlib import Path

from board import safe_json
from storage.paths import data_dir
from storage.permissions import private_dir, write_atomically
from storage.small_files import read_at_most

CRASH_DIR = "crashes"
KEEP = 20  # the last 20 crashes; older reports are removed when a new one is written
MAX_BYTES = 32_000  # one report, at most (a deep recursion is cut, not the disk filled)
NOTICE = "melden.json"
MAX_NOTICE_BYTES = 4096  # what set_notice writes is some 60 bytes
_REPORT = re.compile(r"crash-\d{8}T\d{6}-\d{6}Z(-\d+)?\.txt")


def crash_folder(folder: Path | None = None) -> Path:
    return folder if folder is not None else data_dir() / CRASH_DIR


def write_report(text: str, moment: datetime, folder: Path | None = None) -> Path:
    """Write ``text`` (cut at ``MAX_BYTES``) as a new report; remove all but the newest ``KEEP``.
    ``moment``: the crash's time in UTC, in the file's name. Returns the report's path."""
    where = private_dir(crash_folder(folder))
    content = text.encode("utf-8")[:MAX_BYTES]
    stem = f"crash-{moment:%Y%m%dT%H%M%S-%f}Z"
    path, n = where / f"{stem}.txt", 1
    while path.exists():  # two crashes in one microsecond (a worker thread and the main one)
        path, n = where / f"{stem}-{n}.txt", n + 1
    write_atomically(path, content)
    for old in reports(where)[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


def reports(folder: Path | None = None) -> list[Path]:
    """The reports, oldest first (their names sort by time)."""
    where = crash_folder(folder)
    try:
        names = os.listdir(where)
    except OSError:
        return []
    return [where / name for name in sorted(names) if _REPORT.fullmatch(name)]


def set_notice(report: Path, state: str, folder: Path | None = None) -> None:
    """The next start tells the professional that the app stopped (``take_notice``); ``state``:
    what was not yet saved then (a word of ``services.crash``)."""
    content = json.dumps({"verslag": report.name, "staat": state})
    write_atomically(private_dir(crash_folder(folder)) / NOTICE, content.encode("utf-8"))


def take_notice(folder: Path | None = None) -> tuple[Path | None, str] | None:
    """The crash the professional has not been told about: (its report, what was not yet
    saved); None when there is none. Taken once: the notice is removed.

    Only ``set_notice`` writes the notice, so a notice that is there but cannot be read (8 TiB
    left by a damaged file system, a FIFO, a folder, bytes that are no notice) still means the
    app stopped: (None, ""), what was not yet saved unknown. It is read at most to its bound
    and a FIFO not at all (``read_at_most``), so the start neither crashes nor hangs on it."""
    path = crash_folder(folder) / NOTICE
    try:
        raw = safe_json.loads(read_at_most(path, MAX_NOTICE_BYTES + 1) or b"", max_bytes=MAX_NOTICE_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        return None  # no notice (nor a crashes folder): nothing to tell
    except (OSError, safe_json.SafeJsonError):
        raw = None
    finally:
        with contextlib.suppress(OSError):  # not removable: it shows again, rather than never
            path.unlink(missing_ok=True)
    if not isinstance(raw, dict) or not isinstance(raw.get("verslag"), str) or not _REPORT.fullmatch(raw["verslag"]):
        return None, ""
    state = raw.get("staat")
    return crash_folder(folder) / raw["verslag"], state if isinstance(state, str) else ""
