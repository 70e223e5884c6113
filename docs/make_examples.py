"""Make the example exports under docs/voorbeelden/ from the reference metingen of the tests.

    python docs/make_examples.py

The PDF pages are turned into PNGs with pdftoppm (Debian: poppler-utils) when it is there,
so the examples can be looked at without a PDF reader.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exports.dossier import dossier_pdf  # noqa: E402
from exports.koelkastblad import koelkastblad_pdf  # noqa: E402
from exports.snapshot import snapshot_png  # noqa: E402
from samples import voorbeelden  # noqa: E402

OUT = ROOT / "docs" / "voorbeelden"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    inwoner, nul = voorbeelden.inwoner(), voorbeelden.nulmeting()
    vervolg = voorbeelden.vervolgmeting(nul)
    files = {
        "snapshot-nulmeting.png": snapshot_png(nul, inwoner),
        "snapshot-vervolgmeting.png": snapshot_png(vervolg, inwoner),
        "koelkastblad.pdf": koelkastblad_pdf(vervolg, voorbeelden.TEAM),
        "dossier.pdf": dossier_pdf(inwoner, vervolg, nul),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(OUT / name)
    if shutil.which("pdftoppm"):
        for name in ("koelkastblad", "dossier"):
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(OUT / f"{name}.pdf"), str(OUT / name)], check=True)
    else:
        print("pdftoppm ontbreekt (apt-get install poppler-utils): geen PNG van de PDF-bladen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
