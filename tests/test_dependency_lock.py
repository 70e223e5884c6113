"""The installs do not drift: the committed locks pin every dependency with hashes, satisfy
pyproject.toml's ranges, and give the desktop exactly the versions the tablet ships."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("tablet_pins", ROOT / ".ci" / "tablet_pins.py")
tablet_pins = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tablet_pins)

_ENTRY = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)(?:\s*;\s*(.+?))?\s*\\?$")
DESKTOP_ONLY = {"psycopg"}  # a central PostgreSQL database is never reached from the tablet


def _lock(name: str) -> dict[str, list[tuple[str, str | None, int]]]:
    """Each distribution in a lock: its (version, marker, number of hashes) entries."""
    entries: dict[str, list[tuple[str, str | None, int]]] = {}
    current: list | None = None
    for line in (ROOT / name).read_text().splitlines():
        if match := _ENTRY.match(line):
            current = [match.group(2), match.group(3), 0]
            entries.setdefault(tablet_pins.normalize(match.group(1)), []).append(current)
        elif current is not None and line.strip().startswith("--hash=sha256:"):
            current[2] += 1
    return {name: [tuple(entry) for entry in found] for name, found in entries.items()}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _only_version(lock: dict, name: str) -> str:
    versions = {version for version, _marker, _hashes in lock[name]}
    assert len(versions) == 1, f"{name} has different versions per platform in the lock: {versions}"
    return versions.pop()


def test_every_locked_distribution_is_pinned_with_hashes() -> None:
    for name in ("requirements.lock", "requirements-test.lock"):
        lock = _lock(name)
        assert len(lock) > 20, f"{name} looks empty"
        unhashed = [dist for dist, entries in lock.items() for _v, _m, hashes in entries if hashes == 0]
        assert unhashed == [], f"{name}: no hashes for {unhashed}"


def test_the_locks_satisfy_pyproject_and_agree_with_each_other() -> None:
    app, test = _lock("requirements.lock"), _lock("requirements-test.lock")
    project = _pyproject()
    for text in project["dependencies"]:
        requirement = Requirement(text)
        name = tablet_pins.normalize(requirement.name)
        for lock in (app, test):
            assert name in lock, f"{name} is missing from a lock: run bash .ci/lock"
            version = _only_version(lock, name)
            assert requirement.specifier.contains(version), f"{name}=={version} outside {requirement.specifier}"
    for text in project["optional-dependencies"]["test"]:
        name = tablet_pins.normalize(Requirement(text).name)
        assert name in test, f"{name} is missing from requirements-test.lock: run bash .ci/lock"
    for name, entries in app.items():
        assert test.get(name) == entries, f"{name}: the app and test locks differ"


def test_the_tablet_ships_the_versions_that_were_tested() -> None:
    tablet = tablet_pins.tablet_requirements(ROOT / "buildozer.spec")
    lock = _lock("requirements.lock")
    unpinned = sorted(name for name, version in tablet.items() if version is None)
    assert unpinned == [], f"buildozer.spec: pin {unpinned} (==version) as in requirements.lock"
    differ = {
        name: (version, _only_version(lock, name) if name in lock else None)
        for name, version in tablet.items()
        if name not in lock or _only_version(lock, name) != version
    }
    assert differ == {}, "buildozer.spec and requirements.lock disagree (spec, lock); change the pin, run bash .ci/lock"
    runtime = {tablet_pins.normalize(Requirement(text).name) for text in _pyproject()["dependencies"]}
    missing = sorted(runtime - DESKTOP_ONLY - set(tablet))
    assert missing == [], f"not in buildozer.spec, so not shipped to the tablet: {missing}"


def test_the_reader_of_buildozer_spec_sees_pins_and_refuses_garbage(tmp_path: Path) -> None:
    spec = tmp_path / "buildozer.spec"
    spec.write_text("[app]\nrequirements =\n    python3==3.11.9,\n    Kivy==2.3.1,\n    typing_extensions\n")
    assert tablet_pins.tablet_requirements(spec) == {"kivy": "2.3.1", "typing-extensions": None}
    spec.write_text("[app]\nrequirements = kivy>=2\n")
    try:
        tablet_pins.tablet_requirements(spec)
    except ValueError as exc:
        assert "kivy>=2" in str(exc)
    else:
        raise AssertionError("a range in buildozer.spec must be refused")
