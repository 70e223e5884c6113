"""The install as a newcomer meets it (issue 11): the README's first command and .ci/run put the
committed locks into a virtual environment of their own, the tests run on the versions the
tablet ships, and a machine without PostgreSQL (not root, no apt) runs .ci/run on."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("tablet_pins", ROOT / ".ci" / "tablet_pins.py")
tablet_pins = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tablet_pins)


def _start_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Start", 1)[1].split("\n## ", 1)[0]


def test_the_readme_says_the_python_first_and_installs_the_lock_into_a_venv() -> None:
    start = _start_section()
    before, first_block = start.split("```sh", 1)
    assert re.search(r"Python 3\.11", before), "the Python version is said before the first command"
    command = first_block.split("```", 1)[0].strip()
    # Never the system's Python (PEP 668's externally-managed-environment): a .venv of its own,
    # and the exact versions of the lock (pip checks the hashes in it).
    assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.lock")
    assert "python3-venv" in before  # what a stock Debian or Ubuntu lacks for that
    assert "`bash .ci/lock`" in start and (ROOT / ".ci" / "lock").is_file()  # how to refresh the lock


def test_ci_run_tests_with_the_test_lock_installed_with_hashes() -> None:
    """With test_dependency_lock (buildozer.spec's pins are the lock's versions), this is what
    makes CI test the versions python-for-android puts into the APK."""
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    install = [line for line in lines if "pip install" in line]
    assert install == [
        ".venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock"
    ]
    assert lines[-1].startswith(".venv/bin/python -m pytest")
    assert lines.index(install[0]) < lines.index(lines[-1])


def test_these_tests_run_on_the_versions_the_tablet_ships() -> None:
    """The environment running this suite (.ci/run's .venv) has exactly buildozer.spec's pins,
    among them the versions python-for-android's recipes build (SQLAlchemy, ReportLab)."""
    tablet = tablet_pins.tablet_requirements(ROOT / "buildozer.spec")
    assert {"sqlalchemy", "reportlab", "kivy", "pillow"} <= set(tablet)
    installed = {name: version(name) for name in tablet}
    assert installed == tablet, "install requirements-test.lock (bash .ci/run does)"


def test_without_postgresql_and_without_root_ci_run_goes_on(tmp_path: Path) -> None:
    """.ci/start-postgres on a machine with no PostgreSQL, as a user who cannot install it:
    it says so and returns 0 (so .ci/run, set -e, goes on), and exports no server, so the
    PostgreSQL tests skip with conftest's reason."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "id").write_text("#!/bin/sh\necho 1000\n")  # not root
    (tools / "ls").write_text("#!/bin/sh\nexit 2\n")  # no /usr/lib/postgresql/*/bin
    for stub in ("id", "ls"):
        (tools / stub).chmod(0o755)
    for real in ("sort", "tail", "dirname"):  # no initdb, no apt-get on this PATH
        (tools / real).symlink_to(shutil.which(real))
    env = {k: v for k, v in os.environ.items() if k != "MAGNEETBORD_TEST_POSTGRES_URL"}
    env["PATH"] = str(tools)
    script = 'set -euo pipefail; source .ci/start-postgres; echo "verder: ${MAGNEETBORD_TEST_POSTGRES_URL-geen server}"'
    ran = subprocess.run(
        [shutil.which("bash"), "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "verder: geen server"
    assert "PostgreSQL ontbreekt en kan hier niet worden geïnstalleerd" in ran.stderr
    env["PATH"] = os.environ["PATH"]
    one_postgres_test = ["tests/test_models.py", "-k", "postgresql and erasing"]
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *one_postgres_test],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout
    assert "1 skipped" in tests.stdout and "geen PostgreSQL-server: zet MAGNEETBORD_TEST_POSTGRES_URL" in tests.stdout
