"""Kill ``python3 main.py export`` at any moment, again and again, and check what is left.

The export runs in a forked child (the CLI's own ``main.main``) that reports on a pipe each
file it is about to write; the parent SIGKILLs it after a random number of files plus a
random delay (so kills land inside a bundle, between bundles, between a rename and the
database's note, and in the start-up). After each kill: everything visible in the outbox is
a whole bundle (its manifest's files and hashes), every meting noted as exported has its
whole bundle, the database opens; then the next run finishes the job: exit 0, every bundle
whole, nothing half-written (no hidden temporary folder) left. Three kinds of round:

- ``nieuw``: all afgeronde metingen of one inwoner into a fresh folder (``--dossier``);
- ``vervang``: the same into a folder holding damaged copies, which are replaced;
- ``outbox``: a new afgeronde meting, then ``export`` of what is not yet exported into the
  outbox beside the database, each bundle noted as exported once it is in place.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import shutil
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import main
from exports import bundle
from exports.bundle import bundle_name, verify_bundle
from services.outbox import outbox_for
from services.unlock import open_for_cli
from storage.outbox import outbox_seal

KINDS = ("nieuw", "vervang", "outbox")
DAMAGED = b"%PDF-1.4 beschadigd"
START_TIMEOUT = 180.0


@dataclass
class ExportKills:
    kills: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    files_before_kill: int = 0  # files reported written before the kills, in all
    inside_a_bundle: int = 0  # kills that left a hidden temporary folder (a bundle half-written)
    whole_after_kill: int = 0  # bundles found whole right after a kill
    finished_by_next_run: int = 0
    absent_mid_replace: int = 0  # bundles neither old nor new right after a kill (see write_bundle)
    after_the_end: int = 0  # kills that came after the child had finished (they check the result only)


def run_export_kills(url: str, dossier: str, work: Path, kills: int, seed: int) -> ExportKills:
    rng = random.Random(seed)
    report = ExportKills()
    clean = work / "clean"
    assert main.main(["--db", url, "export", "--dossier", dossier, "--out", str(clean)]) == 0
    per_bundle = len(list(next(clean.iterdir()).iterdir()))
    bundles = len(list(clean.iterdir()))  # of the inwoner; one more after each 'outbox' round
    for round_ in range(kills):
        kind = KINDS[round_ % len(KINDS)]
        out = work / f"ronde-{round_}"
        if kind == "vervang":
            shutil.copytree(clean, out)
            for folder in out.iterdir():  # an older, damaged copy of each bundle
                (folder / "koelkastblad.pdf").write_bytes(DAMAGED)
        if kind == "outbox":
            _new_afgeronde_meting(url, dossier)
            bundles += 1
            args, out, files = ["--db", url, "export"], outbox_for(url), per_bundle
        else:
            args = ["--db", url, "export", "--dossier", dossier, "--out", str(out)]
            files = per_bundle * bundles
        # Mostly inside the writing (a file, a few milliseconds), now and then in the renames after it.
        delay = rng.uniform(0, 0.004) if rng.random() < 0.7 else rng.uniform(0, 0.2)
        written, ended = _run_and_kill(args, after_files=rng.randrange(0, files + 1), delay=delay)
        report.files_before_kill += written
        report.after_the_end += ended
        report.inside_a_bundle += bool(_hidden(out))
        report.whole_after_kill += _check_after_kill(url, dossier, out, kind, clean)
        if kind == "vervang":  # between moving the old copy aside and the new one in: neither
            report.absent_mid_replace += sum(not (out / p.name).exists() for p in clean.iterdir())
        assert main.main(args) == 0, f"round {round_} ({kind}): the next run did not finish the job"
        _check_finished(url, dossier, out)
        report.finished_by_next_run += 1
        report.kills += 1
        report.by_kind[kind] = report.by_kind.get(kind, 0) + 1
    return report


def _run_and_kill(args: list[str], after_files: int, delay: float) -> tuple[int, bool]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        original = bundle._write_synced

        def reporting(path: Path, data: bytes) -> None:
            os.write(write_end, b"w")
            original(path, data)

        bundle._write_synced = reporting
        try:
            os.write(write_end, b"e" if main.main(args) == 0 else b"f")
        finally:
            os._exit(0)
    os.close(write_end)
    seen, deadline, ended = 0, None, False
    give_up = time.monotonic() + START_TIMEOUT
    while not ended:
        wait = (deadline if deadline is not None else give_up) - time.monotonic()
        ready, _, _ = select.select([read_end], [], [], max(0.0, wait))
        if ready:
            chunk = os.read(read_end, 4096)
            ended = not chunk or b"e" in chunk or b"f" in chunk
            seen += chunk.count(b"w")
            if deadline is None and seen >= after_files:
                deadline = time.monotonic() + delay
        if time.monotonic() >= (deadline if deadline is not None else give_up):
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_end)
    return seen, ended


def _hidden(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".")] if out.is_dir() else []


def _check_after_kill(url: str, dossier: str, out: Path, kind: str, clean: Path) -> int:
    visible = [p for p in out.iterdir() if not p.name.startswith(".")] if out.is_dir() else []
    repository = open_for_cli(argparse.Namespace(db=url))  # the database opens after the kill
    seal = outbox_seal(repository)  # bundles are sealed with the tablet's key
    try:
        for folder in visible:  # the new bundle whole, or (replacing) the old copy exactly as it was
            assert verify_bundle(folder, seal) or (kind == "vervang" and _is_old_copy(folder, clean)), (
                f"half a bundle visible: {folder}"
            )
        inwoner = repository.find_inwoner(dossier)
        for meting in (m for m in repository.history(inwoner.id) if m.afgerond):
            if kind == "outbox" and repository.exported_at(meting.id) is not None:
                assert verify_bundle(out / bundle_name(meting), seal), "noted as exported without its whole bundle"
    finally:
        repository.close()
    return sum(verify_bundle(p, seal) for p in visible)


def _is_old_copy(folder: Path, clean: Path) -> bool:
    names = {p.name for p in (clean / folder.name).iterdir()}
    if {p.name for p in folder.iterdir()} != names:
        return False
    old = {name: DAMAGED if name == "koelkastblad.pdf" else (clean / folder.name / name).read_bytes() for name in names}
    return all((folder / name).read_bytes() == data for name, data in old.items())


def _check_finished(url: str, dossier: str, out: Path) -> None:
    repository = open_for_cli(argparse.Namespace(db=url))
    try:
        inwoner = repository.find_inwoner(dossier)
        for meting in (m for m in repository.history(inwoner.id) if m.afgerond):
            seal = outbox_seal(repository)
            assert verify_bundle(out / bundle_name(meting), seal), f"{bundle_name(meting)} not whole after the next run"
        assert repository.not_exported() == [] or out != outbox_for(url)
    finally:
        repository.close()
    assert _hidden(out) == [], f"half-written leftovers in {out}: {_hidden(out)}"


def _new_afgeronde_meting(url: str, dossier: str) -> None:
    repository = open_for_cli(argparse.Namespace(db=url))
    try:
        inwoner = repository.find_inwoner(dossier)
        vorige = repository.latest_afgerond(inwoner.id)
        meting = vorige.vervolg(vorige.datum + timedelta(days=1))
        for key in meting.gekozen:
            meting = meting.place_fiche(key, "inwoner", random.random())
        for doel in meting.open_evaluaties:
            meting = meting.evaluate_doel(doel.id, "behaald")
        moment = datetime.combine(meting.datum, datetime.min.time()).replace(hour=10)
        repository.add_meting(meting.afronden(moment))
    finally:
        repository.close()
