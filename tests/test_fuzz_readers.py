"""Every reader of outside data raises only its documented error, whatever the input (issue 14):
the meting document, the leefgebiedenset TOML and a set's name, the keys file, ``bezoek.json``
and a bundle's manifest. Property-based: a few hundred cases per reader in the normal run,
10,000 each under ``-m slow``. The inputs are seeded by what the app itself writes
(tests/fuzz.py), so the nasty value is met deep inside, past the first checks."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.document import loads, meting_from_document, meting_to_document
from board.errors import BoardError, DocumentError, LeefgebiedenSetError
from board.leefgebieden import SETS_DIR, check_set, load_set, parse_set_text
from samples import voorbeelden
from services.visit import Visit, VisitMarker
from storage.audit_anchor import SeenAnchor, from_manifest
from storage.keyring import Keyring, KeyringError, LockedOutError
from storage.paths import DATA_DIR_ENV
from tests.fuzz import NASTY_TEXT, VALUES, json_inputs, mutated, skip_big_run_unless_asked, text_edits
from tests.keys import FAST_KDF

EXAMPLES = [300, pytest.param(10_000, marks=pytest.mark.slow)]


def run(examples: int, strategy: st.SearchStrategy[Any], check: Callable[[Any], None]) -> int:
    """Run ``check`` on ``examples`` inputs from ``strategy``; how many it saw."""
    seen = [0]

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(strategy)
    def prop(value: Any) -> None:
        seen[0] += 1
        check(value)

    prop()
    assert seen[0] >= examples * 0.9, seen[0]  # hypothesis really ran them
    return seen[0]


def _document_seed() -> dict[str, Any]:
    return meting_to_document(voorbeelden.met_doelen(2))


@pytest.mark.parametrize("examples", EXAMPLES)
def test_the_meting_document_reader_raises_only_document_error(examples: int, request: pytest.FixtureRequest) -> None:
    skip_big_run_unless_asked(request, examples, 300)
    seed = _document_seed()
    assert meting_from_document(loads(json.dumps(seed))).id == seed["meting"]["id"]  # the seed itself reads

    def check(raw: bytes | dict) -> None:
        with contextlib.suppress(DocumentError):  # the one documented error; anything else fails the test
            meting_from_document(raw if isinstance(raw, dict) else loads(raw))

    # As bytes (a file), and as a value (10**400 and NaN reach place_fiche without JSON's bounds).
    run(examples, json_inputs(seed) | mutated(seed), check)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_the_leefgebiedenset_reader_raises_only_its_error(examples: int, request: pytest.FixtureRequest) -> None:
    skip_big_run_unless_asked(request, examples, 300)
    path = SETS_DIR / "volwassenen.toml"
    raw = path.read_bytes()
    seed = parse_set_text(raw, "x")
    assert check_set(seed, path, "x").naam == "volwassenen"
    versie_line = next(line for line in raw.splitlines() if line.startswith(b"versie"))
    numbers = st.sampled_from([b"9" * 5000, b"1e400", b"inf", b"nan", b"-1", b"[" * 3000 + b"1" + b"]" * 3000])

    def check(value: Any) -> None:
        try:
            if isinstance(value, bytes):
                check_set(parse_set_text(value, "x"), path, "x")
            elif isinstance(value, dict):  # what TOML gives is always a table
                check_set(value, path, "x")
        except LeefgebiedenSetError:
            pass

    run(
        examples,
        st.one_of(
            text_edits(raw),
            mutated(seed),
            numbers.map(lambda n: raw.replace(versie_line, b"versie = " + n)),
            st.binary(max_size=200),
        ),
        check,
    )


@pytest.mark.parametrize("examples", EXAMPLES)
def test_a_set_name_never_becomes_a_path_outside_the_sets(examples: int, request: pytest.FixtureRequest) -> None:
    skip_big_run_unless_asked(request, examples, 300)
    def check(naam: str) -> None:
        try:
            found = load_set.__wrapped__(naam)
        except LeefgebiedenSetError:
            return
        assert found.naam == naam and (SETS_DIR / f"{naam}.toml").is_file()

    with pytest.raises(LeefgebiedenSetError):
        load_set.__wrapped__("../leefgebieden/volwassenen")
    names = st.one_of(NASTY_TEXT, st.text(max_size=300), st.sampled_from(["volwassenen", "jeugd", "x" * 300]))
    run(examples, names, check)


@pytest.fixture(scope="module")
def device() -> Any:
    """A folder for the files the readers read, and the app's data folder (the back-off seal)."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(Path(folder) / "data"))
        yield Path(folder)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_the_keys_file_reader_raises_only_keyring_error(
    examples: int, device: Path, request: pytest.FixtureRequest
) -> None:
    skip_big_run_unless_asked(request, examples, 300)
    path = device / "tablet.sqlite3.keys.json"
    keyring = Keyring(path, kdf=FAST_KDF)
    keyring.add_professional("Sanne de Vries", "482913")
    keyring.add_professional("Ahmed Bakker", "730152", keyring.unlock(keyring.professionals()[0].id, "482913"))
    seed = json.loads(path.read_text("utf-8"))

    def check(raw: bytes) -> None:
        path.write_bytes(raw)
        try:
            for entry in Keyring(path, kdf=FAST_KDF).professionals():
                assert isinstance(entry.naam, str)
        except KeyringError:
            pass

    run(examples, json_inputs(seed), check)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_the_visit_file_reads_as_a_visit_or_nothing(
    examples: int, device: Path, request: pytest.FixtureRequest
) -> None:
    skip_big_run_unless_asked(request, examples, 300)
    marker = VisitMarker(device)
    marker.write(Visit("6f1c1e4e-8c1a-4d0e-9a55-2b1f3c4d5e6f", "0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e"))
    seed = json.loads(marker.path.read_text("utf-8"))

    def check(raw: bytes) -> None:
        marker.path.write_bytes(raw)
        visit = marker.read()
        assert visit is None or (isinstance(visit.inwoner_id, str) and visit.inwoner_id.encode())

    run(examples, json_inputs(seed), check)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_a_bundles_manifest_reads_as_an_anchor_or_nothing(
    examples: int, device: Path, request: pytest.FixtureRequest
) -> None:
    skip_big_run_unless_asked(request, examples, 300)
    from exports.bundle import manifest, verify_bundle

    folder = device / "bundel"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_bytes(b"x")
    meting = voorbeelden.met_doelen(1)
    path = folder / "manifest.json"
    path.write_bytes(manifest(meting, {"a.txt": b"x"}, {"regels": 3, "laatste_hash": "ab" * 32}))
    assert from_manifest(path) is not None and verify_bundle(folder)
    seed = json.loads(path.read_text("utf-8"))

    def check(raw: bytes) -> None:
        path.write_bytes(raw)
        anchor = from_manifest(path)
        assert anchor is None or (isinstance(anchor, SeenAnchor) and anchor.seq >= 0)
        assert verify_bundle(folder) in (True, False)

    run(examples, json_inputs(seed), check)


def test_text_of_only_invisible_characters_is_empty() -> None:
    meting = voorbeelden.met_doelen(1)
    leefgebied = meting.gekozen[0]
    for invisible in ("\u200b", "\u200b \ufeff", "\u2060\u200d", "\u3164"):
        with pytest.raises(BoardError, match="leeg"):
            meting.add_doel(leefgebied, invisible)
    assert meting.add_doel(leefgebied, "\u200bsamen koken").doelen[-1].tekst == "\u200bsamen koken"


def test_numbers_beyond_a_float_are_refused_before_arithmetic() -> None:
    meting = voorbeelden.met_doelen(1)
    for value in (10**400, -(10**400), 10**5000 - 1):
        with pytest.raises(BoardError):
            meting.place_fiche(meting.gekozen[0], "inwoner", value)
    assert VALUES is not None


def test_a_seal_with_any_characters_is_a_tampered_entry_not_a_crash(device: Path) -> None:
    """Found by the slow fuzz run: hmac.compare_digest raised TypeError on a non-ASCII seal."""
    path = device / "zegel.keys.json"
    keyring = Keyring(path, kdf=FAST_KDF)
    pid, _key = keyring.add_professional("Sanne de Vries", "482913")
    data = json.loads(path.read_text("utf-8"))
    data["professionals"][0]["seal"] = "\u0080é"
    path.write_text(json.dumps(data), "utf-8")
    assert [p.naam for p in Keyring(path, kdf=FAST_KDF).professionals()] == ["Sanne de Vries"]
    with pytest.raises(LockedOutError):  # the longest wait, not a TypeError
        Keyring(path, kdf=FAST_KDF).unlock(pid, "482913")
