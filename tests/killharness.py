"""Kill a process while it saves board operations, again and again, and check what survived.

A forked child opens the database, continues the concept meting with random operations
through ``BoardSession`` + ``Repository.save_change`` and reports on a pipe, for every
commit, ``intent <digest>`` before saving and ``done <digest>`` after it returned. The
parent SIGKILLs it at a random moment. Afterwards the database must hold the last reported
state, or the one that was being saved (saved, but killed before it could say so), and
``PRAGMA integrity_check`` must be ok. Used by tests/test_repository.py and the S3 benchmark.
"""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from board import Actie, BoardError, BoardSession, Inwoner, Meting, Perspectief
from board.document import dumps, meting_to_document
from storage import Repository
from storage.engine import connect_sqlite, make_engine
from tests.keys import TEST_KEY


@dataclass
class KillReport:
    kills: int = 0
    changes: int = 0  # commits reported done before a kill, and found in the database
    killed_mid_save: int = 0  # kills that landed between 'intent' and 'done'


def digest(meting: Meting) -> str:
    return hashlib.sha256(dumps(meting_to_document(meting)).encode()).hexdigest()[:20]


def prepare(path: Path) -> tuple[str, str]:
    """A database with one inwoner and an empty concept 0-meting; returns (url, meting id)."""
    url = f"sqlite:///{path}"
    repository = Repository.open(url, key=TEST_KEY)
    try:
        inwoner = Inwoner.create("KILL-1", "Stratum", "K.T.")
        repository.add_inwoner(inwoner)
        meting = repository.start_nulmeting(inwoner.id, date(2025, 3, 1))
    finally:
        repository.close()
    return url, meting.id


# How long a child may take to open the database and report its start on a loaded machine.
START_TIMEOUT = 120.0


def run_kills(path: Path, kills: int, seed: int, max_delay: float = 0.03) -> KillReport:
    """SIGKILL a saving child ``kills`` times. When each kill lands is decided by the child's
    progress, not by the clock: after a random number of reported saves, either at the next
    ``intent`` (inside a save) or after a further random delay up to ``max_delay``. So the
    children do the same work on a loaded machine as on an idle one."""
    url, meting_id = prepare(path)
    rng = random.Random(seed)
    report = KillReport()
    for round_ in range(kills):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            os.close(read_end)
            try:
                _child(url, meting_id, write_end, seed * 1_000_003 + round_)
            finally:
                os._exit(0)
        os.close(write_end)
        moment = _KillMoment(
            after_saves=rng.randrange(0, 6), at_intent=rng.random() < 0.3, delay=rng.uniform(0.0, max_delay)
        )
        lines = _read_then_kill(pid, read_end, moment)
        _verify(path, url, meting_id, lines, report)
        report.kills += 1
    return report


@dataclass(frozen=True)
class _KillMoment:
    after_saves: int  # reported saves to wait for first
    at_intent: bool  # then kill at the next 'intent' (inside a save) ...
    delay: float  # ... or after this many seconds more


def _read_then_kill(pid: int, fd: int, moment: _KillMoment) -> list[str]:
    buffer = b""
    deadline: float | None = None
    give_up = time.monotonic() + START_TIMEOUT
    while True:
        wait = (deadline if deadline is not None else give_up) - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, wait))
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # the child ended by itself (it should not): _verify says what it reported
            buffer += chunk
            lines = buffer.split(b"\n")[:-1]
            saves = sum(line.startswith(b"done ") for line in lines)
            if b"ready " in buffer and saves >= moment.after_saves:
                if moment.at_intent:
                    if lines and lines[-1].startswith(b"intent ") and saves == moment.after_saves:
                        break
                    if saves > moment.after_saves:  # the intent went by unseen: kill now
                        break
                elif deadline is None:
                    deadline = time.monotonic() + moment.delay
        if time.monotonic() >= (deadline if deadline is not None else give_up):
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(fd, 65536):
        buffer += chunk
    os.close(fd)
    text = buffer.decode()
    return text.split("\n")[:-1]  # a line cut off by the kill has no newline: not reported


def _verify(path: Path, url: str, meting_id: str, lines: list[str], report: KillReport) -> None:
    reported: str | None = None
    pending: str | None = None
    for line in lines:
        word, value = line.split(" ", 1)
        if word in ("ready", "done"):
            reported, pending = value, None
            report.changes += word == "done"
        elif word == "intent":
            pending = value
    if pending is not None:
        report.killed_mid_save += 1
    engine = make_engine(url, key=TEST_KEY)
    try:
        found = digest(Repository(engine).get_meting(meting_id))
    finally:
        engine.dispose()
    assert reported is not None, "the child never reported its start"
    assert found in (reported, pending), f"database holds {found}, last reported {reported}, pending {pending}"
    conn = connect_sqlite(str(path), TEST_KEY)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def _child(url: str, meting_id: str, fd: int, seed: int) -> None:
    rng = random.Random(seed)
    repository = Repository(make_engine(url, key=TEST_KEY))
    session = BoardSession(repository.get_meting(meting_id))

    def on_commit(before: Meting, after: Meting) -> None:
        os.write(fd, f"intent {digest(after)}\n".encode())
        repository.save_change(before, after)

    session.on_commit = on_commit
    os.write(fd, f"ready {digest(session.committed)}\n".encode())
    while True:
        try:
            _random_step(rng, session)
        except BoardError:
            continue
        os.write(fd, f"done {digest(session.committed)}\n".encode())


def _random_step(rng: random.Random, session: BoardSession) -> None:
    meting = session.committed
    roll = rng.random()
    if roll < 0.08:
        session.undo()
    elif roll < 0.12:
        session.redo()
    elif roll < 0.25 or not meting.gekozen:
        if len(meting.gekozen) >= 8:
            session.apply(lambda m: m.unchoose(rng.choice(m.gekozen)))
        else:
            session.apply(lambda m: m.choose(rng.choice(m.niet_gekozen)))
    elif roll < 0.65:
        key, perspectief = rng.choice(meting.gekozen), rng.choice(list(Perspectief))
        session.apply(lambda m: m.place_fiche(key, perspectief, rng.random()))
    elif roll < 0.72:
        session.apply(lambda m: m.move_leefgebied(rng.choice(m.gekozen), rng.randrange(len(m.gekozen))))
    elif roll < 0.78:
        session.apply(lambda m: m.set_rapportcijfer(rng.randint(1, 10)))
    elif roll < 0.88 and len(meting.doelen) < 6:
        tekst = rng.choice(("Ik wil weer goed slapen.", "De post elke week openmaken.", "Eén keer per week sporten."))
        acties = [Actie.create("inwoner", "Ik begin er maandag mee.")] if rng.random() < 0.5 else []
        session.apply(lambda m: m.add_doel(rng.choice(m.gekozen), tekst, acties=acties))
    elif meting.doelen:
        doel = rng.choice(meting.doelen)
        if rng.random() < 0.5:
            session.apply(lambda m: m.remove_doel(doel.id))
        else:
            session.apply(lambda m: m.edit_doel(doel.id, tekst=f"{doel.tekst[:60]} (stap {rng.randint(1, 99)})"))


# ----- any job: killed at a moment chosen by its progress ---------------------------------


@dataclass
class JobKills:
    kills: int = 0
    calls: int = 0  # the job's length in Python calls, measured uninterrupted
    finished_before_kill: int = 0  # kills drawn past the job's end (the job was done)


def kill_job_by_progress(
    job: Callable[[], object], setup: Callable[[int], None], check: Callable[[int], None], kills: int, seed: int
) -> JobKills:
    """SIGKILL ``job`` ``kills`` times, each at a moment chosen by its progress: the forked
    child counts Python function calls (``sys.setprofile``) and kills itself at call number N,
    N drawn uniformly over the job's length (measured first, uninterrupted). The moment is the
    same on a loaded machine as on an idle one, and every kind of step (SQL, a file written,
    a folder removed) is hit in proportion to its share of the work.

    ``setup(round)`` makes a fresh state for each round (and for the measuring run, round -1);
    ``check(round)`` runs the next run after the kill and asserts that it found the before or
    the after and finished the job."""
    rng = random.Random(seed)
    report = JobKills()
    setup(-1)
    report.calls = _run_child(job, None)
    assert report.calls > 0, "the job did not run"
    for round_ in range(kills):
        setup(round_)
        at = rng.randrange(1, report.calls + 1)
        if _run_child(job, at) >= 0:
            report.finished_before_kill += 1
        check(round_)
        report.kills += 1
    return report


def _run_child(job: Callable[[], object], kill_at: int | None) -> int:
    """Run ``job`` in a forked child; with ``kill_at`` it SIGKILLs itself at that call.
    Returns the number of calls when the job ended by itself, -1 when it was killed."""
    import sys

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        calls = [0]

        def count(_frame: object, event: str, _arg: object) -> None:
            if event in ("call", "c_call"):
                calls[0] += 1
                if kill_at is not None and calls[0] >= kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

        code = 0
        try:
            sys.setprofile(count)
            job()
            sys.setprofile(None)
            os.write(write_end, f"{calls[0]}\n".encode())
        except BaseException as exc:  # a job that fails by itself is a failure of the test
            sys.setprofile(None)
            os.write(write_end, f"error {type(exc).__name__}: {exc}\n".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    _pid, status = os.waitpid(pid, 0)
    out = b""
    while chunk := os.read(read_end, 65536):
        out += chunk
    os.close(read_end)
    text = out.decode(errors="replace").strip()
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return -1
    assert text and not text.startswith("error"), f"the job failed by itself: {text}"
    return int(text)
