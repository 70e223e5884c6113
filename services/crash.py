"""When the kiosk stops on an error nobody caught: a crash report for the beheerder, without
personal data, one short line on stderr, and one plain line for the professional at the next
start (``notice``).

A report holds the app's version, the time (UTC), where it happened (the app's main thread,
Kivy's event loop, or a worker thread by its name), the exception's type and, per frame, the
module, function and line number: for the exception and for each one it came from (``raise
... from``, or raised while another was handled). Never the exception's message (a BoardError
may quote a doel, a database error a stored value), never a local variable, never a file path
(a home folder carries a person's name), never a line of source. Kept in ``crashes/`` in the
user data folder (``storage.crash_log``): the last ``KEEP`` crashes.

Kivy sends its stderr to its logger, which the kiosk turns off (``main.py``): the line on
stderr goes to the process's real stderr.
"""

from __future__ import annotations

import contextlib
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from board.i18n import _
from board.versie import VERSIE
from storage import crash_log
from storage.crash_log import KEEP, crash_folder

# What was not yet saved when the app stopped (``install``'s ``state``).
BEWAARD = "bewaard"  # every change was saved: nothing is lost
INVOER = "invoer"  # a dialog with text in it (a doel, a new inwoner) or a new account was open
EXPORT = "export"  # the afgeronde meting is saved; its bundle for the dossier was being made
__all__ = ["KEEP", "crash_folder", "install", "notice", "record", "verslagen"]  # KEEP, crash_folder: for cli/
OWN_PACKAGES = ("board", "services", "storage", "exports", "widgets", "cli", "samples", "main")
MAX_FRAMES = 60  # per exception: the first 20 and the last 40 of a deeper stack
MAX_CHAIN = 5  # exceptions in one chain ("from" / "while handling")

_RECORDED = "_magneetbord_gemeld"  # set on an exception once reported (Kivy's handler, then sys.excepthook)
_state: list[Callable[[], str]] = [lambda: BEWAARD]


def exception_type(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def frames(tb: TracebackType | None) -> list[str]:
    """``module, function, regel N`` per frame, the outermost first; a deep stack is cut in the middle."""
    found = [
        f"{frame.f_globals.get('__name__', '?')}, {frame.f_code.co_qualname}, regel {line}"
        for frame, line in traceback.walk_tb(tb)
    ]
    if len(found) > MAX_FRAMES:
        left = len(found) - MAX_FRAMES
        found = [*found[:20], f"... {left} regels weggelaten ...", *found[-(MAX_FRAMES - 20):]]
    return found


def innermost(tb: TracebackType | None) -> str:
    """``module:line`` of the innermost frame in the app's own code (else the innermost of all)."""
    found = [(frame.f_globals.get("__name__", "?"), line) for frame, line in traceback.walk_tb(tb)]
    own = [(module, line) for module, line in found if module.split(".")[0] in OWN_PACKAGES]
    module, line = (own or found or [("?", 0)])[-1]
    return f"{module}:{line}"


def _chain(exc: BaseException) -> Iterator[tuple[str, BaseException]]:
    """The exception, then the ones it came from (newest first), each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    how = ""
    while current is not None and id(current) not in seen and len(seen) < MAX_CHAIN:
        seen.add(id(current))
        yield how, current
        if current.__cause__ is not None:
            how, current = "Die kwam uit (raise ... from):", current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            how, current = "Die ontstond tijdens het afhandelen van:", current.__context__
        else:
            current = None


def report(exc: BaseException, waar: str, moment: datetime) -> str:
    """The report's text: no message, no values, no paths (the module docstring)."""
    lines = [
        "Magneetbord: crashverslag",
        f"versie: {VERSIE}",
        f"tijd (UTC): {moment:%Y-%m-%d %H:%M:%S}",
        f"waar: {waar}",
        f"python: {platform.python_version()} op {sys.platform}",
        "",
    ]
    for how, current in _chain(exc):
        if how:
            lines += ["", how]
        lines.append(f"fout: {exception_type(current)}")
        lines.append("waar in de code (module, functie, regel), de buitenste eerst:")
        lines += [f"  {frame}" for frame in frames(current.__traceback__)]
    return "\n".join(lines) + "\n"


def record(exc: BaseException, waar: str, *, stopped: bool = True) -> Path | None:
    """Write the report of ``exc`` (once per exception) and say so in one line on stderr.
    ``stopped``: the app stops on it, so the next start tells the professional (a worker
    thread's error does not stop the app). Returns the report's path; None when it was
    written already or could not be written (the stderr line then says so)."""
    if getattr(exc, _RECORDED, False):
        return None
    with contextlib.suppress(AttributeError, TypeError):  # an exception without a __dict__: reported twice, at worst
        setattr(exc, _RECORDED, True)
    moment = datetime.now(UTC)
    state = _safe_state() if stopped else BEWAARD
    path: Path | None = None
    with contextlib.suppress(Exception):  # a hook that raises would print the whole traceback after all
        path = crash_log.write_report(report(exc, waar, moment), moment)
        if stopped:
            crash_log.set_notice(path, state)
    with contextlib.suppress(Exception):
        where = innermost(exc.__traceback__)
        what = "Magneetbord is gestopt door een fout" if stopped else f"Fout in de achtergrond ({waar})"
        told = f"verslag: {path}" if path is not None else "het verslag kon niet worden geschreven"
        print(f"{what}: {exception_type(exc)} in {where}; {told}", file=sys.__stderr__, flush=True)
    return path


def _safe_state() -> str:
    try:
        return _state[0]()
    except Exception:  # the app itself may be half gone: then say only what is sure
        return INVOER


def install(state: Callable[[], str] | None = None) -> None:
    """Report every uncaught exception: in the main thread (``sys.excepthook``) and in worker
    threads (``threading.excepthook``; the app goes on). ``state()``: which of ``BEWAARD``,
    ``INVOER``, ``EXPORT`` holds at the moment of a crash (for ``notice``). Kivy's own event
    loop hands its exceptions to ``record`` through ``widgets.crashes``."""
    if state is not None:
        _state[0] = state
    sys.excepthook = _main_thread
    threading.excepthook = _worker_thread


def _main_thread(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a development window: no crash
        return
    if exc.__traceback__ is None:
        exc.__traceback__ = tb
    record(exc, "de app (hoofdthread)")


def _worker_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "?"
    record(args.exc_value, f"thread {name}", stopped=False)


def notice() -> str | None:
    """The line for the professional at the first start after a crash, once; None otherwise."""
    taken = crash_log.take_notice()
    if taken is None:
        return None
    _path, state = taken
    if state == BEWAARD:
        first = _("De app is de vorige keer onverwacht gestopt. Er is niets verloren: alles was al bewaard.")
    elif state == EXPORT:
        # Not "niet gemaakt": closing after the crash (on_stop) waits for the bundle, which may then be done.
        first = _(
            "De app is de vorige keer onverwacht gestopt. De meting is bewaard. Het pakket voor het dossier was "
            "nog niet klaar toen de app stopte: python3 main.py export maakt wat nog ontbreekt."
        )
    else:
        first = _(
            "De app is de vorige keer onverwacht gestopt. Wat bewaard was, is er nog. "
            "Wat nog open stond en niet bewaard was (zoals een doel dat je aan het typen was), is weg."
        )
    voor_beheerder = _("Voor de beheerder: het verslag staat in {map} (lees het met: python3 main.py crashes).")
    return f"{first}\n{voor_beheerder.format(map=crash_folder())}"


@dataclass(frozen=True)
class Verslag:
    """One report, as the beheerder's list shows it."""

    path: Path
    tijd: str
    versie: str
    fout: str
    plek: str  # the innermost frame in the app's own code (else the innermost of all)
    tekst: str


def verslagen() -> list[Verslag]:
    """Every crash report on this device, the newest first."""
    found = []
    for path in reversed(crash_log.reports()):
        try:
            tekst = path.read_bytes()[: crash_log.MAX_BYTES].decode("utf-8", "replace")
        except OSError:
            continue
        found.append(_summary(path, tekst))
    return found


def _summary(path: Path, tekst: str) -> Verslag:
    fields: dict[str, str] = {}
    frames_: list[str] = []
    for line in tekst.splitlines():
        if line.startswith("  ") and "fout" in fields and not fields.get("_klaar"):
            frames_.append(line.strip())
        elif line.startswith("Die "):  # the next exception of the chain: the first one is the crash
            fields["_klaar"] = "1"
        elif ": " in line and not line.startswith(" "):
            name, _sep, value = line.partition(": ")
            fields.setdefault(name, value)
    own = [f for f in frames_ if f.split(".", 1)[0].split(",", 1)[0] in OWN_PACKAGES]
    plek = (own or frames_ or ["?"])[-1]
    return Verslag(path, fields.get("tijd (UTC)", "?"), fields.get("versie", "?"), fields.get("fout", "?"), plek, tekst)
