"""Delivery to the dossier through the ZGW Documenten API, checked against the official
specification: the demo's bundles go through ``prism proxy --errors`` (which checks every
request and every answer against ``documenten-api-1.5.0.openapi.yaml``) to a stateful fake
server; an upload killed half-way (SIGKILL) resumes without duplicates; 5xx, dropped
connections and timeouts are retried; a 4xx stops one bundle and the others go on.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from board.zgw import DOCUMENTEN, identificatie
from services.unlock import PIN_ENV, PROFESSIONAL_ENV
from services.zgw_send import ENV, TIMEOUT_ENV
from storage.outbox_crypto import BundleSeal
from storage.paths import DATA_DIR_ENV
from tests.prism import prism, violations
from tests.zgw_fake import FakeDocumenten, FaultProxy

ROOT = Path(__file__).resolve().parent.parent
PIN = "482913"
CLIENT_ID, SECRET = "magneetbord-test", "een-geheim-van-de-gemeente-voor-de-test"
RSIN = "002220647"
IOT = "https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/7f2b8c1e-0000-4000-8000-000000000001"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeDocumenten]:
    server = FakeDocumenten(CLIENT_ID, SECRET)
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _fresh(fake: FakeDocumenten) -> None:
    fake.reset()  # the demo's metingen are the same in every test


@pytest.fixture(scope="module")
def checked(fake: FakeDocumenten, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``prism proxy --errors`` in front of the fake: (its URL, its log)."""
    from tests.prism import spec_path

    log = tmp_path_factory.mktemp("prism") / "proxy.log"
    with prism("proxy", str(spec_path()), fake.url, log=log) as url:
        yield url, log


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo tablet, its afgeronde metingen exported into its sealed outbox: made once,
    copied for each test (database, keyring, data folder and outbox together)."""
    base = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in tablet_env(base, "http://127.0.0.1:9").items():
            patch.setenv(name, value)
        patch.delenv(PROFESSIONAL_ENV, raising=False)
        db = f"sqlite:///{base / 'bord.sqlite3'}"
        assert main.main(["--db", db, "demo"]) == 0
        assert main.main(["--db", db, "export"]) == 0
    return base


def tablet(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, keep: int | None = None) -> str:
    """A copy of the demo tablet set (through the environment) to deliver to ``url``; with
    ``keep``, all but the first ``keep`` bundles are delivered by hand first (the manual way)."""
    shutil.rmtree(tmp_path)
    shutil.copytree(template, tmp_path, symlinks=True)
    for name, value in tablet_env(tmp_path, url).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    db = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    if keep is not None:
        rest = [str(p) for p in sorted(outbox(tmp_path).iterdir())[keep:]]
        assert main.main(["--db", db, "outbox", "delivered", *rest]) == 0
    return db


def tablet_env(tmp_path: Path, url: str) -> dict[str, str]:
    return {
        DATA_DIR_ENV: str(tmp_path / "data"), PIN_ENV: PIN, ENV["url"]: url, ENV["client_id"]: CLIENT_ID,
        ENV["secret"]: SECRET, ENV["rsin"]: RSIN, ENV["informatieobjecttype"]: IOT, TIMEOUT_ENV: "5",
    }  # fmt: skip


def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"


def listing(db: str, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert main.main(["--db", db, "outbox", "list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def plain_listing(db: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The rows of ``outbox list``, under its header of column names."""
    capsys.readouterr()
    assert main.main(["--db", db, "outbox", "list"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["datum", "dossier", "meting", "soort", "stand"]
    return rows


def seal_of(db: str) -> BundleSeal:
    import argparse

    from services.unlock import open_for_cli

    repository = open_for_cli(argparse.Namespace(db=db))
    repository.close()
    return BundleSeal(repository.data_key)


def sent_for(fake: FakeDocumenten, meting_ids: list[str]) -> dict[str, int]:
    """How many documents the fake holds per identificatie of these metingen."""
    counts = {ident: len(docs) for ident, docs in fake.by_identificatie().items()}
    return {identificatie(m, soort): counts.get(identificatie(m, soort), 0) for m in meting_ids for soort in DOCUMENTEN}


def test_the_demos_bundles_go_into_the_dossier_checked_against_the_specification(
    fake: FakeDocumenten, checked: tuple[str, Path], template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    url, log = checked
    db = tablet(template, tmp_path, monkeypatch, url)
    seal = seal_of(db)
    folders = sorted(outbox(tmp_path).iterdir())
    assert len(folders) > 10
    expected = {f.name: {s.bestand: seal.read(f / s.bestand) for s in DOCUMENTEN} for f in folders}
    manifests = {f.name: json.loads(seal.read(f / "manifest.json")) for f in folders}
    before = listing(db, capsys)
    assert {row["status"] for row in before} == {"wacht"} and len(before) == len(folders)
    assert {row["dossiernummer"] for row in before} == {m["dossiernummer"] for m in manifests.values()}

    assert main.main(["--db", db, "outbox", "send"]) == 0
    assert violations(log) == []
    assert list(outbox(tmp_path).iterdir()) == []  # delivered: the tablet's copies are gone
    stored = fake.by_identificatie()
    for name, files in expected.items():
        meting_id = name.split("_", 1)[1]
        manifest = manifests[name]
        for soort in DOCUMENTEN:
            [document] = stored[identificatie(meting_id, soort)]  # exactly one each
            key = document["url"].rsplit("/", 1)[1]
            assert fake.content[key] == files[soort.bestand]
            assert document["bronorganisatie"] == RSIN and document["informatieobjecttype"] == IOT
            assert document["formaat"] == soort.formaat and document["taal"] == "nld"
            assert document["creatiedatum"] == manifest["meting"]["datum"]
            assert manifest["dossiernummer"] in document["trefwoorden"]
            assert document["vertrouwelijkheidaanduiding"] == "vertrouwelijk"
            assert document["titel"].startswith("Wat telt: ") and manifest["meting"]["soort"] in document["titel"]
            assert document["auteur"] == "Wijkteam (Magneetbord)"
            assert document["bestandsnaam"].startswith(f"{manifest['dossiernummer']}_")
            assert document["bestandsnaam"].endswith(soort.bestand)
            assert manifest["dossiernummer"] in document["beschrijving"] and meting_id in document["beschrijving"]
    after = listing(db, capsys)
    assert {row["status"] for row in after} == {"afgeleverd"} and len(after) == len(folders)
    # Delivery feeds the retention period as 'outbox delivered' does: with 0 days every delivered
    # meting may go but each inwoner's latest (the next vervolgmeting starts from it).
    assert main.main(["--db", db, "outbox", "prune", "--dagen", "0"]) == 0
    inwoners = {row["dossiernummer"] for row in after}
    removed = len(after) - len(inwoners)
    assert removed > 0 and f"Bewaartermijn toegepast: {removed} metingen verwijderd." in capsys.readouterr().out
    assert len(listing(db, capsys)) == len(inwoners)


def test_an_upload_killed_midway_resumes_without_duplicates(
    fake: FakeDocumenten, checked: tuple[str, Path], template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    url, log = checked
    proxy = FaultProxy(url)
    try:
        db = tablet(template, tmp_path, monkeypatch, proxy.url, keep=3)
        meting_ids = [f.name.split("_", 1)[1] for f in sorted(outbox(tmp_path).iterdir())]
        # Request 13: the second bundle's third document (find, create per document, 4 documents
        # a bundle = 8 requests a bundle). The server creates it, the answer never comes back.
        proxy.plan = {proxy.count + 8 + 5 + 1: "hang-after"}
        env = {**os.environ, **tablet_env(tmp_path, proxy.url), TIMEOUT_ENV: "120"}
        process = subprocess.Popen(
            [sys.executable, "main.py", "--db", db, "outbox", "send"], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert proxy.hung.wait(180), proxy.seen
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
        proxy.release.set()
        assert process.returncode == -signal.SIGKILL
        halfway = sent_for(fake, meting_ids)
        assert all(n == 1 for n in list(halfway.values())[:7]) and sum(halfway.values()) == 7
        rows = {row["meting_id"]: row for row in listing(db, capsys)}
        assert rows[meting_ids[0]]["status"] == "afgeleverd" and rows[meting_ids[1]]["status"] == "bezig"
        [line] = [line for line in plain_listing(db, capsys) if meting_ids[1] in line]
        assert line.endswith("bezig met versturen")
        assert main.main(["--db", db, "outbox", "send"]) == 0  # resume
        assert set(sent_for(fake, meting_ids).values()) == {1}  # every document exactly once
        assert list(outbox(tmp_path).iterdir()) == []
        assert violations(log) == []
    finally:
        proxy.close()


def test_5xx_dropped_connections_and_timeouts_are_retried(
    fake: FakeDocumenten, checked: tuple[str, Path], template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    url, _ = checked
    proxy = FaultProxy(url)
    try:
        db = tablet(template, tmp_path, monkeypatch, proxy.url, keep=1)  # one bundle is enough here
        monkeypatch.setenv(TIMEOUT_ENV, "3")  # a held request times out; a normal one through Prism does not
        first = sorted(outbox(tmp_path).iterdir())[0]
        n = proxy.count
        # The first document's lookup fails three ways before it gets through (n+4, create n+5);
        # the second document's create (n+7) happens on the server but its answer is lost.
        proxy.plan = {n + 1: "503", n + 2: "drop", n + 3: "hang", n + 7: "hang-after"}
        capsys.readouterr()
        assert main.main(["--db", db, "outbox", "send"]) == 0, capsys.readouterr().out
        meting_id = first.name.split("_", 1)[1]
        assert set(sent_for(fake, [meting_id]).values()) == {1}  # the create that hung is found, not repeated
        faults = [s.rsplit(" ", 1)[1] for s in proxy.seen[n:] if s.count(" ") == 2]
        assert faults == ["503", "drop", "hang", "hang-after"]
        assert len(proxy.seen) - n == 4 * 2 + 4  # 8 requests for 4 documents, 3 retries, 1 lookup again
    finally:
        proxy.close()


def test_a_refused_bundle_stops_with_the_servers_reasons_in_dutch_and_the_others_go_on(
    fake: FakeDocumenten, checked: tuple[str, Path], template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    url, log = checked
    db = tablet(template, tmp_path, monkeypatch, url, keep=4)
    rows = [row for row in listing(db, capsys) if row["status"] == "wacht"]
    assert len({row["dossiernummer"] for row in rows}) > 1
    refused = rows[len(rows) // 2]["dossiernummer"]
    fake.refuse_dossier = refused
    try:
        assert main.main(["--db", db, "outbox", "send"]) == 1
    finally:
        fake.refuse_dossier = None
    out = capsys.readouterr().out
    assert "informatieobjecttype verwijst niet naar het juiste soort object" in out
    after = listing(db, capsys)
    failed = [row for row in after if row["status"] == "mislukt"]
    assert failed and {row["dossiernummer"] for row in failed} == {refused}
    assert all("verwijst niet naar het juiste soort object" in row["reden"] for row in failed)
    assert all(row["status"] == "afgeleverd" for row in after if row["dossiernummer"] != refused)
    assert {p.name.split("_", 1)[1] for p in outbox(tmp_path).iterdir()} == {row["meting_id"] for row in failed}
    assert violations(log) == []
    # The same for a person: one line a bundle, with its dossiernummer, meting, soort and state.
    for row, line in zip(after, plain_listing(db, capsys), strict=True):
        assert row["dossiernummer"] in line and row["meting_id"] in line and row["soort"] in line
        state = "mislukt: informatieobjecttype verwijst niet" if row["status"] == "mislukt" else "afgeleverd"
        assert state in line


def test_documents_are_linked_to_the_inwoners_zaak_once(
    fake: FakeDocumenten, checked: tuple[str, Path], template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    url, _ = checked
    db = tablet(template, tmp_path, monkeypatch, url, keep=3)
    dossier = next(row for row in listing(db, capsys) if row["status"] == "wacht")["dossiernummer"]
    zaak = f"{fake.url}/zaken/api/v1/zaken/{uuid.uuid4()}"
    assert main.main(["--db", db, "outbox", "zaak", dossier, "niet-een-url"]) == 1
    assert main.main(["--db", db, "outbox", "zaak", dossier, zaak]) == 0
    waiting = [row for row in listing(db, capsys) if row["status"] == "wacht"]
    ids = [row["meting_id"] for row in waiting if row["dossiernummer"] == dossier]
    assert main.main(["--db", db, "outbox", "send"]) == 0
    linked = [z for z in fake.zios if z["zaak"] == zaak]
    documents = {doc[0]["url"] for ident, doc in fake.by_identificatie().items() if ident.split("-")[1] in ids}
    assert len(linked) == len(ids) * len(DOCUMENTEN) and {z["informatieobject"] for z in linked} == documents


def test_send_without_configuration_says_what_is_missing(template: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    db = tablet(template, tmp_path, monkeypatch, "http://127.0.0.1:9")
    for env in ENV.values():
        monkeypatch.delenv(env, raising=False)
    capsys.readouterr()
    assert main.main(["--db", db, "outbox", "send"]) == 1
    out = capsys.readouterr().out
    assert "url ontbreekt" in out and "client-id ontbreekt" in out and "rsin ontbreekt" in out
    assert main.main(["--db", db, "outbox", "config", "--rsin", "12"]) == 1  # wrong: refused, nothing stored
    assert "rsin moet uit 9 cijfers bestaan" in capsys.readouterr().out
    settings = ["--url", "https://dms.example.nl/documenten/api/v1", "--client-id", "c", "--secret", "s",
                "--rsin", RSIN, "--informatieobjecttype", IOT]  # fmt: skip
    assert main.main(["--db", db, "outbox", "config", *settings]) == 0
    capsys.readouterr()
    assert main.main(["--db", db, "outbox", "config"]) == 0
    shown = capsys.readouterr().out
    assert "https://dms.example.nl/documenten/api/v1" in shown and "secret: ********" in shown
    assert b"dms.example.nl" not in (tmp_path / "bord.sqlite3").read_bytes()  # stored encrypted
    # For scripts and tests the environment goes first, without changing what is stored.
    monkeypatch.setenv(ENV["url"], "https://test.example.nl/documenten/api/v1")
    monkeypatch.setenv(ENV["rsin"], "123456782")
    assert main.main(["--db", db, "outbox", "config"]) == 0
    shown = capsys.readouterr().out
    assert "url: https://test.example.nl/documenten/api/v1" in shown and "rsin: 123456782" in shown
    assert "client-id: c" in shown  # not overridden: the stored one
    monkeypatch.delenv(ENV["url"])
    monkeypatch.delenv(ENV["rsin"])
    assert main.main(["--db", db, "outbox", "config"]) == 0
    assert "url: https://dms.example.nl/documenten/api/v1" in capsys.readouterr().out


def test_a_server_that_keeps_failing_is_tried_with_back_off_and_no_document_is_claimed(
    fake: FakeDocumenten, template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    import argparse

    from services.unlock import open_for_cli
    from services.zgw_send import send_outbox

    proxy = FaultProxy(fake.url)
    try:
        db = tablet(template, tmp_path, monkeypatch, proxy.url, keep=2)
        proxy.plan = {proxy.count + n: "503" for n in range(1, 6)}  # every try of the first lookup
        repository = open_for_cli(argparse.Namespace(db=db))
        waits: list[float] = []
        steps: list[tuple[int, int]] = []
        try:
            report = send_outbox(
                repository, outbox(tmp_path), lambda done, total, _what: steps.append((done, total)), sleep=waits.append
            )
        finally:
            repository.close()
        assert waits == [0.5, 1, 2, 4]  # doubling back-off between the five tries
        assert report.gestopt and "503" in report.gestopt and report.afgeleverd == []
        assert steps and all(done == 0 for done, _total in steps) and steps[-1] == (0, 8)  # nothing claimed
        assert fake.documents == {} and len(list(outbox(tmp_path).iterdir())) == 2
        first, second = [row for row in listing(db, capsys) if row["status"] != "afgeleverd"]
        assert first["status"] == "mislukt" and "503" in first["reden"] and second["status"] == "wacht"
    finally:
        proxy.close()


def test_a_refused_connection_is_said_in_dutch_and_nothing_is_reported_sent(
    template: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    from tests.prism import free_port

    db = tablet(template, tmp_path, monkeypatch, f"http://127.0.0.1:{free_port()}/documenten/api/v1", keep=1)
    capsys.readouterr()
    assert main.main(["--db", db, "outbox", "send"]) == 1  # the real back-off: 7.5 seconds
    captured = capsys.readouterr()
    assert "neemt geen verbinding aan" in captured.out and "Errno" not in captured.out
    assert "Connection refused" not in captured.out
    assert "Versturen: 0 van 4 documenten" in captured.err and "4 van 4" not in captured.err
    [row] = [row for row in listing(db, capsys) if row["status"] != "afgeleverd"]
    assert row["status"] == "mislukt" and "neemt geen verbinding aan" in row["reden"]
    assert len(list(outbox(tmp_path).iterdir())) == 1  # still waiting on the tablet
