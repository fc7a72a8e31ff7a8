#!/usr/bin/env python3
"""Builds cldr.tsv, the generated half of Warraq's gazetteer, from three npm
packages unpacked beside each other (fetch them with `npm pack NAME@VERSION`
and `tar xzf`):

  cldr-localenames-full 48.2.0  territory names in Arabic, Persian, English
  cldr-dates-full 48.2.0        time-zone exemplar cities (capitals' names)
  countries-list 3.4.1          each country's capital, in English

Usage: build.py UNPACKED_DIR > cldr.tsv

The output is sorted and stable: running it again on the same packages gives
the same bytes. Columns: key, role (state or capital), of (a capital's state
key), gloss (English name), names (Arabic first, then variants, `|`).
"""

import json
import sys
from pathlib import Path

# Regions that are not states (or are organisations, kept in curated.tsv).
NOT_STATES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"}

# Capitals CLDR names under no time zone, in the Arabic news spelling.
# Where a capital shares its state's name (الكويت، تونس) it is left out: the
# state's entry covers the word.
CAPITALS_AR = {
    "AE": "أبوظبي|أبو ظبي",
    "AU": "كانبرا",
    "BH": "المنامة",
    "BR": "برازيليا",
    "CA": "أوتاوا",
    "CH": "برن",
    "CN": "بكين",
    "IN": "نيودلهي",
    "KZ": "أستانا",
    "MA": "الرباط",
    "NG": "أبوجا",
    "NZ": "ولينغتون",
    "PK": "إسلام آباد",
    "PS": "رام الله",
    "QA": "الدوحة",
    "TD": "نجامينا|انجامينا",
    "TR": "أنقرة",
    "US": "واشنطن",
    "VN": "هانوي",
    "YE": "صنعاء",
    "ZA": "بريتوريا",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def territories(root, loc):
    p = root / "cldr-localenames-full-48.2.0/package/main" / loc / "territories.json"
    return load(p)["main"][loc]["localeDisplayNames"]["territories"]


def cities(root, loc):
    p = root / "cldr-dates-full-48.2.0/package/main" / loc / "timeZoneNames.json"
    zones = load(p)["main"][loc]["dates"]["timeZoneNames"]["zone"]
    out = {}

    def walk(node, path):
        for k, v in node.items():
            if isinstance(v, dict) and "exemplarCity" in v:
                out["/".join(path + [k])] = v["exemplarCity"]
            elif isinstance(v, dict):
                walk(v, path + [k])

    walk(zones, [])
    return out


def main():
    root = Path(sys.argv[1])
    ar, fa, en = (territories(root, loc) for loc in ("ar", "fa", "en"))
    zones_ar, zones_en = cities(root, "ar"), cities(root, "en")
    city_ar = {}
    for zone, name in zones_ar.items():
        city_ar.setdefault(zones_en.get(zone, ""), name)
        city_ar.setdefault(zone.split("/")[-1].replace("_", " "), name)
    countries = load(root / "countries-list-3.4.1/package/countries.min.json")
    rows = []
    state_names = set()
    for code in sorted(ar):
        if len(code) != 2 or not code.isalpha() or code in NOT_STATES:
            continue
        names = [ar[code]]
        for alt in (f"{code}-alt-short", f"{code}-alt-variant"):
            if alt in ar:
                names.append(ar[alt])
        for table in (fa, en):
            for key in (code, f"{code}-alt-short", f"{code}-alt-variant"):
                if key in table:
                    names.append(table[key])
        names = list(dict.fromkeys(n.strip() for n in names if n.strip()))
        state_names.update(names)
        rows.append((f"state:{code}", "state", "", en.get(code, ""), names))
    for code in sorted(countries):
        if f"state:{code}" not in {r[0] for r in rows}:
            continue
        capital = countries[code].get("capital", "")
        names = []
        if code in CAPITALS_AR:
            names += CAPITALS_AR[code].split("|")
        elif capital in city_ar:
            names.append(city_ar[capital])
        if not names:
            continue
        if capital:
            names.append(capital)
        names = [n for n in dict.fromkeys(names) if n not in state_names]
        if names and names[0] != capital:
            rows.append((f"capital:{code}", "capital", f"state:{code}", capital, names))
    rows.sort()
    for key, role, of, gloss, names in rows:
        print("\t".join([key, role, of, gloss, "|".join(names)]))


if __name__ == "__main__":
    main()
