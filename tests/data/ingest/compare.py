#!/usr/bin/env python3
"""The share of each article's words that come out in order (longest common
subsequence of words over the article's words), for Warraq's import and for
the reference extractors: poppler's pdftotext (PDF) and trafilatura (web pages).

Usage: compare.py PATH/TO/warraq   (run from this folder; needs poppler-utils,
trafilatura). Prints a table for the closing note; asserts nothing.
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
    binary = sys.argv[1]
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
    print(f"| article | file | Warraq | other | other's |")
    print("|---|---|---|---|---|")
    for name, kind, ours, other, theirs in rows:
        print(f"| {name} | {kind} | {ours:.3f} | {other} | {'' if theirs is None else f'{theirs:.3f}'} |")


if __name__ == "__main__":
    main()
