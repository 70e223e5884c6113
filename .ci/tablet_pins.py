"""The versions the tablet ships: the ``name==version`` pins in buildozer.spec's requirements.

One source for both builds: ``.ci/lock`` hands these pins to the lock as constraints, so the
desktop and CI test exactly what python-for-android puts in the APK; tests/test_dependency_lock.py checks
that the two agree. Names that are python-for-android recipes without a PyPI package (the
interpreter, OpenSSL, the SQLCipher C library) are not Python distributions and are skipped.
"""

from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path

NOT_ON_PYPI = frozenset({"python3", "hostpython3", "openssl", "sqlcipher"})
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)\s*(?:==\s*([A-Za-z0-9_.+-]+))?$")


def normalize(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def tablet_requirements(spec: Path) -> dict[str, str | None]:
    """Every Python distribution in buildozer.spec's requirements, with its pinned version or None."""
    parser = configparser.RawConfigParser(strict=False)
    parser.read(spec, encoding="utf-8")
    raw = parser.get("app", "requirements")
    found: dict[str, str | None] = {}
    for item in raw.replace("\n", ",").split(","):
        item = item.strip()
        if not item:
            continue
        match = _PIN.match(item)
        if match is None:
            raise ValueError(f"buildozer.spec: unreadable requirement {item!r}")
        name = normalize(match.group(1))
        if name not in NOT_ON_PYPI:
            found[name] = match.group(2)
    return found


def main() -> int:
    spec = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "buildozer.spec"
    for name, version in sorted(tablet_requirements(spec).items()):
        if version is None:
            print(f"buildozer.spec: pin {name} (==version) so the tablet gets what was tested", file=sys.stderr)
            return 1
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
