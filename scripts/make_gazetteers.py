#!/usr/bin/env python3
"""Derives the name gazetteers and the common-word list in data/ from ../shared.

    python3 scripts/make_gazetteers.py [SHARED_DIR]

Sources (see data/README.md): the US Census 1990 name lists (public domain) and
the word forms of the UD English EWT training treebank (CC BY-SA 4.0).
"""
import collections
import os
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")


def census(name):
    out = {}
    with open(os.path.join(shared, "gazetteers", "census1990", name)) as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                out[parts[0].lower()] = float(parts[1])
    return out


male, female = census("dist.male.first"), census("dist.female.first")
with open(os.path.join(root, "gazetteers", "first_names.txt"), "w") as fh:
    fh.write("# First names with gender (m, f, or u when both are common), from the US Census 1990\n"
             "# lists (public domain); gender is the list with the higher frequency, u when the\n"
             "# weaker one has at least a third of the stronger one's frequency.\n")
    for n in sorted(set(male) | set(female)):
        m, f = male.get(n, 0.0), female.get(n, 0.0)
        g = "u" if min(m, f) * 3 >= max(m, f) else ("m" if m > f else "f")
        fh.write(f"{n} {g}\n")

last = census("dist.all.last")
with open(os.path.join(root, "gazetteers", "surnames.txt"), "w") as fh:
    fh.write("# Surnames from the US Census 1990 list dist.all.last (public domain), in byte order\n"
             "# (the program looks names up by binary search).\n")
    for n in sorted(last):
        fh.write(n + "\n")

# common words: lower-case forms that the treebank uses as ordinary words
counts, propn = collections.Counter(), collections.Counter()
with open(os.path.join(shared, "treebanks", "en_ewt", "train.conllu")) as fh:
    for line in fh:
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            continue
        form, upos = cols[1], cols[3]
        if upos == "PROPN":
            propn[form.lower()] += 1
        elif form.isalpha():
            counts[form.lower()] += 1
with open(os.path.join(root, "lexicons", "common_words.txt"), "w") as fh:
    fh.write("# Ordinary English words: lower-case forms used at least twice as a non-proper noun\n"
             "# in the UD English EWT training treebank (CC BY-SA 4.0) and more often so than as a\n"
             "# proper noun. A capitalised sentence-initial word in this list is not taken as a name.\n")
    for w in sorted(w for w, c in counts.items() if c >= 2 and c > propn[w]):
        fh.write(w + "\n")
print("wrote first_names, surnames, common_words")
