#!/usr/bin/env bash
# The README's monitor picture, made with the README's own two commands in a throwaway data
# folder (the real one is never touched):
#     python3 main.py demo --inwoners 1000 && python3 main.py monitor --out monitor
# then the report's pages 1 and 2 and its map page (the demo's invented Voorbeeldstad) as PNGs
# (pdftoppm and pdftotext, Debian: poppler-utils).
#     bash docs/make_monitor_example.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
cd "$WORK"
demo=$("$PYTHON" "$ROOT/main.py" demo --inwoners 1000)
echo "$demo"
# The README's reader types the PIN the demo printed; here it is handed over the same way.
MAGNEETBORD_PIN=$(echo "$demo" | sed -n 's/.*Pincode: \([0-9]*\).*/\1/p') \
    "$PYTHON" "$ROOT/main.py" monitor --out monitor
# one page per call (-singlefile): the names do not depend on how many pages the report has
pdftoppm -r 90 -png -f 1 -l 1 -singlefile monitor/monitor.pdf page-1
pdftoppm -r 90 -png -f 2 -l 2 -singlefile monitor/monitor.pdf page-2
cp page-1.png "$ROOT/docs/monitor-example.png"
cp page-2.png "$ROOT/docs/monitor-example-beter.png"
# the map's page: the one whose text starts with "Kaart:"
pdftotext monitor/monitor.pdf pages.txt
kaart=$(awk 'BEGIN{RS="\f"} /Kaart: /{print NR; exit}' pages.txt)
pdftoppm -r 90 -png -f "$kaart" -l "$kaart" -singlefile monitor/monitor.pdf kaart
cp kaart.png "$ROOT/docs/monitor-example-kaart.png"
echo "docs/monitor-example.png, docs/monitor-example-beter.png, docs/monitor-example-kaart.png"
