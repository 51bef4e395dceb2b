#!/usr/bin/env python3
"""Writes assets/communes/communes.csv, the communes an adviser can pick, from the code officiel géographique CSV.

Usage: python3 scripts/communes_asset.py SOURCE.csv [OUTPUT.csv]
SOURCE is the reference export (code_insee, nom, type, codes_postaux, departement, region, epci,
population, chef_lieu); OUTPUT defaults to assets/communes/communes.csv beside this script.
"""
import csv
import pathlib
import sys

# Delegated and associated communes are left out: the INSEE code an activity report wants is the
# current commune's, and their names would only offer a second, wrong code for the same place.
# Municipal arrondissements stay: Paris, Lyon and Marseille report by arrondissement.
KEPT_TYPES = {"commune-actuelle", "arrondissement-municipal"}
COLUMNS = ["code_insee", "nom", "codes_postaux", "departement", "population"]


def convert(source, output):
    with open(source, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["type"] in KEPT_TYPES]
    # Sorted by code so a regenerated file diffs line by line against the previous one.
    rows.sort(key=lambda r: r["code_insee"])
    output.parent.mkdir(parents=True, exist_ok=True)
    # LF line ends keep the committed file small and diffable; fields are quoted RFC 4180 style when needed.
    with open(output, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        for r in rows:
            writer.writerow([r[c].strip() for c in COLUMNS])
    return len(rows)


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    default = pathlib.Path(__file__).resolve().parent.parent / "assets" / "communes" / "communes.csv"
    output = pathlib.Path(argv[2]) if len(argv) == 3 else default
    count = convert(argv[1], output)
    print(f"{output}: {count} communes")


if __name__ == "__main__":
    main(sys.argv)
