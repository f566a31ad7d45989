#!/usr/bin/env python3
"""Lists what the scorer counts against each graph: missed and spurious
entities and relations, per document, with the gold evidence of each miss.

    python3 scripts/diagnose.py                       # after scripts/eval.sh
    python3 scripts/diagnose.py --doc news_flag --only relations

Uses ../shared/eval/score.py's own matching, so what it lists is exactly what
the per-document score counts.
"""
import argparse, importlib.util, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
ap.add_argument("--system", default=os.path.join(here, "..", "target", "eval", "docs"))
ap.add_argument("--doc", help="only documents whose name contains this")
ap.add_argument("--only", choices=["entities", "relations"])
a = ap.parse_args()
spec = importlib.util.spec_from_file_location("score", os.path.join(a.shared, "eval", "score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
gold_dir = os.path.join(a.shared, "eval", "dev")
for name in sorted(os.listdir(gold_dir)):
    if not name.endswith(".json") or (a.doc and a.doc not in name):
        continue
    gdoc = score.load(os.path.join(gold_dir, name))
    gold = score.Gold([gdoc])
    path = os.path.join(a.system, name)
    graph = score.load(path) if os.path.exists(path) else {"nodes": [], "edges": []}
    nodes = {n["id"]: n for n in graph.get("nodes", [])}
    mapping = {nid: gold.map_node(n) for nid, n in nodes.items()}
    print(f"== {name[:-5]}")
    if a.only != "relations":
        found = set()
        for nid, n in nodes.items():
            k, gid = n.get("kind"), mapping[nid]
            if k not in score.ENTITY_KINDS:
                continue
            if gid and gold.entities[gid]["kind"] == k and gid not in found:
                found.add(gid)
            elif k != "event" or gid:
                why = "duplicate of " + gid if gid in found else ("kind of " + gid if gid else "not in gold")
                print(f"  FP {k:12} {n.get('label')!r} {n.get('aliases', [])} ({why})")
        for e in gdoc.get("entities", []):
            if e["id"] not in found:
                print(f"  FN {e['kind']:12} {e['id']} {e['names']}")
    if a.only != "entities":
        hits = set()
        for e in graph.get("edges", []):
            s, t = mapping.get(e.get("source")), mapping.get(e.get("target"))
            if e.get("negated"):
                continue
            key = score.match_edge(e["kind"], s, t, gold.relations) if s and t else ("?",)
            if key[0] == "?":
                ev = (e.get("evidence") or [{}])[0].get("text", "")
                print(f"  FP {e['kind']:13} {e['source']} -> {e['target']} ({s} -> {t}) | {ev[:150]}")
            else:
                hits.add(key)
        for r in gdoc.get("relations", []):
            if score.rel_key(r) not in hits:
                print(f"  FN {r['kind']:13} {r['source']} -> {r['target']} | {r.get('evidence', '')[:150]}")
