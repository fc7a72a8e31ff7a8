#!/usr/bin/env python3
"""The share of each article's words that come out in order (longest common
subsequence of words over the article's words), for Warraq's import and for
the reference extractors: poppler's pdftotext (PDF) and trafilatura (web pages).

Usage: compare.py [--json] PATH/TO/warraq   (needs poppler-utils and
trafilatura). Prints a table, or with --json the rows for the test that
holds Warraq to at least what the reference extractors do.
"""

import difflib
import json
import pathlib
import subprocess
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent


def words(text):
    # Fair to the others: presentation forms folded (NFKC) and bidi controls dropped.
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")
    return text.split()


def in_order(truth, got):
    matcher = difflib.SequenceMatcher(None, truth, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(truth)


def warraq(binary, path):
    out = subprocess.run([binary, "extract", "--json", str(path)], capture_output=True, check=True)
    return json.loads(out.stdout)["body"]


def pdftotext(path):
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()


def trafilatura_text(path):
    import trafilatura

    return trafilatura.extract(path.read_bytes()) or ""


def main():
    as_json = "--json" in sys.argv
    binary = [a for a in sys.argv[1:] if a != "--json"][0]
    rows = []
    for truth_path in sorted((HERE / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        expected = words("\n".join(truth["paragraphs"]))
        name = truth_path.stem
        rows.append((name, "pdf", in_order(expected, words(warraq(binary, HERE / f"{name}.pdf"))),
                     "pdftotext", in_order(expected, words(pdftotext(HERE / f"{name}.pdf")))))
        rows.append((name, "html", in_order(expected, words(warraq(binary, HERE / f"{name}.html"))),
                     "trafilatura", in_order(expected, words(trafilatura_text(HERE / f"{name}.html")))))
        rows.append((name, "docx", in_order(expected, words(warraq(binary, HERE / f"{name}.docx"))), "", None))
        columns = HERE / f"{name}.columns.pdf"
        if columns.exists():
            rows.append((name, "pdf, two columns", in_order(expected, words(warraq(binary, columns))),
                         "pdftotext", in_order(expected, words(pdftotext(columns)))))
    if as_json:
        print(json.dumps([
            {"article": n, "kind": k, "warraq": w, "other": o, "theirs": t} for n, k, w, o, t in rows
        ]))
        return
    print(f"| article | file | Warraq | other | other's |")
    print("|---|---|---|---|---|")
    for name, kind, ours, other, theirs in rows:
        print(f"| {name} | {kind} | {ours:.3f} | {other} | {'' if theirs is None else f'{theirs:.3f}'} |")


if __name__ == "__main__":
    main()
