#!/usr/bin/env python3
"""Writes assets/communes/intercommunalites.csv, each intercommunality (EPCI) with its member communes.

Usage: python3 scripts/intercommunalities_asset.py COMMUNES.csv EPCI.csv [OUTPUT.csv]
COMMUNES.csv and EPCI.csv are the reference exports (reference/communes/); OUTPUT defaults to
assets/communes/intercommunalites.csv beside this script.
"""
import csv
import pathlib
import sys

# Only current communes belong to an EPCI in the code officiel géographique; arrondissements and
# delegated communes carry no EPCI, and the app maps an arrondissement to its city itself.
MEMBER_TYPE = "commune-actuelle"
COLUMNS = ["code_siren", "nom", "type", "communes"]


def convert(communes_source, epci_source, output):
    members = {}
    with open(communes_source, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["type"] == MEMBER_TYPE and r["epci"].strip():
                members.setdefault(r["epci"].strip(), []).append(r["code_insee"].strip())
    with open(epci_source, newline="", encoding="utf-8") as f:
        epcis = list(csv.DictReader(f))
    # Sorted by SIREN, members by INSEE code, so a regenerated file diffs line by line.
    epcis.sort(key=lambda r: r["code_siren"])
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        for r in epcis:
            codes = sorted(members.get(r["code_siren"], []))
            writer.writerow([r["code_siren"].strip(), r["nom"].strip(), r["type"].strip(), "|".join(codes)])
    return len(epcis)


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__)
    default = pathlib.Path(__file__).resolve().parent.parent / "assets" / "communes" / "intercommunalites.csv"
    output = pathlib.Path(argv[3]) if len(argv) == 4 else default
    count = convert(argv[1], argv[2], output)
    print(f"{output}: {count} intercommunalities")


if __name__ == "__main__":
    main(sys.argv)
