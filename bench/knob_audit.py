"""Do the ranking knobs' defaults generalise across the tuning web's template families?

    python bench/knob_audit.py --data-dir DIR [--knobs rrf_k tie_margin ...] [--results FILE]

DIR is a data dir built from the bundled sample web (the tuning web: ``sikoja demo --no-serve
--data-dir DIR`` or ``bench/eval_webs.py --webs tuning --keep``); judged URLs on the default
ports are mapped onto the ports named in ``DIR/sources.yaml``. The tuning judgments (dev, oov
and situations queries) are run in-process with one searcher whose ``ranking`` and
``semantic`` settings are replaced per knob value (query-time knobs: no re-index), each knob
at a few values around its default, the others at their defaults.

For every value: MRR@10 overall (the three sets pooled), per query set, and per template
family (``sikoja/demo/sites/manifest.json``: a query counts for the family of every site that
holds one of its grade-2 answers, as in ``bench/eval_webs.py``). From those: the mean over
families, the worst family and **leave-one-family-out**: for each family, the value that the
queries with no answer on it choose (pooled MRR@10, the default winning ties) and that
value's MRR@10 on the family's queries; the estimate pools those held-out queries, beside the
default's score on the same queries.

Each knob's default is classed by its nearest values (x0.75 and x1.5, or the nearest on the
default's side): **flat** when neither moves pooled MRR@10 by more than ``--flat``; the **edge
of a plateau** when one is flat (or better) and the other loses; a **shallow peak** when both
lose at most ``--sharp``; else a **peak the families agree on**, or a **sharp peak** when a
family of at least ``--min-family`` queries does better by ``--disagree`` at another value
(that count is shown with every class).
A value the held-out folds choose is **proposed** when it loses at most 0.002 dev MRR@10 and
at most 0.005 on any query set; it is worth a change of default only when the held-out
estimate beats the default's by ``--margin`` (0.003).

The per-query reciprocal ranks are kept in ``--results`` (JSON) when given, so that a second
run only measures the values it has not seen (after a change of code, delete the file).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.answer_card import base_port, to_ports  # noqa: E402
from bench.eval_webs import answers_by_family  # noqa: E402
from indexer.evaluate import Judged, read_judgments, run_judgments, searcher_fn  # noqa: E402
from sikoja.config import RankingConfig, SemanticSettings, load_settings  # noqa: E402
from sikoja.demo.server import load_manifest  # noqa: E402
from sikoja.errors import SikojaError  # noqa: E402
from sikoja.pipeline import open_searcher  # noqa: E402

SETS = ("dev", "oov", "situations")
NO_FAMILY = "app catalog / external"  # a query with no grade-2 answer on the sample web


def _scaled(factor: float) -> Callable[[float], float]:
    return lambda default: default * factor


def _penalty(factor: float) -> Callable[[float], float]:
    """A multiplier below 1 with its distance from 1 scaled (0.8 x1.5 -> 0.7): a prior's
    effect is what it takes away, and 0.8 x1.5 would be a bonus."""
    return lambda default: 1.0 - (1.0 - default) * factor


@dataclass(frozen=True)
class Knob:
    name: str  # a RankingConfig field, "semantic.<field>", or "kind_prior" (the whole table)
    steps: tuple[tuple[str, Callable], ...]  # (label, default -> value)
    integer: bool = False


def _steps(make: Callable[[float], Callable[[float], float]], prefix: str = "x",
           factors: tuple[float, ...] = (0.5, 0.75, 1.5, 2.0)) -> tuple:
    return tuple((f"{prefix}{f:g}", make(f)) for f in factors)


SCALE = _steps(_scaled)
PENALTY = _steps(_penalty, "pen x")
# keyword_weight is left out: rank fusion's order moves only with the ratio of the two
# weights, which vector_weight already spans
KNOBS = (
    Knob("rrf_k", SCALE, integer=True),
    Knob("vector_weight", SCALE),
    Knob("vector_only_min", _steps(_scaled, factors=(0.5, 0.75, 1.25, 1.5))),  # a cosine
    Knob("listing_prior", PENALTY),
    Knob("kind_prior", PENALTY),
    Knob("other_kind_prior", PENALTY),
    Knob("intent_service_factor", PENALTY),
    Knob("unsure_prior", PENALTY),
    Knob("named_title_margin", SCALE),
    Knob("prior_signal_share", SCALE),
    Knob("vector_prior_scale", SCALE),
    Knob("coverage_weight", SCALE),
    Knob("coverage_candidates", SCALE, integer=True),
    Knob("tie_margin", SCALE),
    Knob("sibling_window", SCALE, integer=True),
    Knob("sibling_overlap", SCALE),
    Knob("sibling_margin", SCALE),
    Knob("copy_weight", PENALTY),
    Knob("semantic.max_vector_weight", SCALE),
    Knob("semantic.full_coverage", SCALE),
    Knob("semantic.sentence_weight", SCALE),
    Knob("semantic.sentence_words", _steps(_scaled, factors=(0.5, 1.5, 2.0)), integer=True),
)


def knob_values(knob: Knob, ranking: RankingConfig, semantic: SemanticSettings
                ) -> list[tuple[str, object]]:
    """(label, value) of the knob's default and its steps, in order of value."""
    if knob.name == "kind_prior":
        default: object = dict(ranking.kind_prior)
        out = [("default", default)]
        for label, step in knob.steps:
            out.append((label, {k: round(step(v), 4) for k, v in ranking.kind_prior.items()}))
        return sorted(out, key=lambda lv: -sum(lv[1].values()))  # mildest penalty first
    group, _, field = knob.name.rpartition(".")
    current = getattr(semantic if group == "semantic" else ranking, field)
    out = [("default", current)]
    for label, step in knob.steps:
        value = step(current)
        out.append((label, int(round(value)) if knob.integer else round(value, 4)))
    return sorted(out, key=lambda lv: lv[1])


def apply(searcher, base_settings, knob: str, value: object) -> None:
    """Put one knob value on the searcher (the other knobs at the data dir's settings)."""
    group, _, field = knob.rpartition(".")
    if group == "semantic":
        searcher.settings = base_settings.model_copy(
            update={"semantic": base_settings.semantic.model_copy(update={field: value})})
        searcher.ranking = base_settings.ranking.model_copy(deep=True)
    else:
        searcher.settings = base_settings
        searcher.ranking = base_settings.ranking.model_copy(update={field: value}, deep=True)


def families(judged: dict[str, list[Judged]], base: int) -> dict[str, set[str]]:
    """Each query's (``set:qid``) template families."""
    served = {base + s.port_offset: s.family or s.name for s in load_manifest()}
    return {f"{name}:{j.qid}": set(answers_by_family(j, served)) or {NO_FAMILY}
            for name, items in judged.items() for j in items}


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


@dataclass
class Audit:
    labels: list[str]  # the knob's values, in order; "default" among them
    rr: dict[str, dict[str, float]]  # label -> query key -> reciprocal rank @10
    fam: dict[str, set[str]]  # query key -> families

    def pooled(self, label: str, keys=None) -> float:
        scores = self.rr[label]
        return mean([scores[k] for k in (scores if keys is None else keys)])

    def by_set(self, label: str) -> dict[str, float]:
        return {s: self.pooled(label, [k for k in self.rr[label] if k.startswith(s + ":")])
                for s in SETS}

    def family_keys(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key, fams in self.fam.items():
            for f in fams:
                out[f].append(key)
        return dict(sorted(out.items()))

    def by_family(self, label: str) -> dict[str, float]:
        return {f: self.pooled(label, keys) for f, keys in self.family_keys().items()}

    def choose(self, keys: list[str]) -> str:
        """The value with the best pooled MRR@10 on ``keys``, the default winning ties."""
        return max(self.labels, key=lambda lb: (round(self.pooled(lb, keys), 9),
                                                lb == "default"))

    def held_out(self) -> tuple[float, float, dict[str, int]]:
        """(leave-one-family-out MRR@10, the default's on the same held-out queries, how
        many held-out queries each value was chosen for)."""
        chosen, default, picks = [], [], defaultdict(int)
        for f, test in self.family_keys().items():
            train = [k for k, fams in self.fam.items() if f not in fams]
            pick = self.choose(train)
            picks[pick] += len(test)
            chosen += [self.rr[pick][k] for k in test]
            default += [self.rr["default"][k] for k in test]
        return mean(chosen), mean(default), dict(picks)


def verdict(audit: Audit, sharp: float, flat: float, disagree: float, min_family: int) -> str:
    """flat, the edge of a plateau (one neighbour flat, the other losing), a shallow peak, a
    peak (a neighbour loses more than ``sharp``), sharp when families disagree about the best
    value; with how many families of ``min_family`` queries gain ``disagree`` elsewhere."""
    base = audit.pooled("default")
    i = audit.labels.index("default")
    neighbours = audit.labels[max(0, i - 1):i] + audit.labels[i + 1:i + 2]
    losses = [base - audit.pooled(lb) for lb in neighbours]
    fams = {f: keys for f, keys in audit.family_keys().items() if len(keys) >= min_family}
    away = [f for f, keys in fams.items()
            if max(audit.pooled(lb, keys) for lb in audit.labels)
            - audit.pooled("default", keys) >= disagree]
    families = f", {len(away)} families gain >= {disagree} away from it" if away else ""
    if max(abs(x) for x in losses) <= flat:
        return "flat" + families
    if min(losses) < -flat:  # a neighbouring value does better: no peak at all
        return f"beaten by a neighbour (it gains {-min(losses):.4f})" + families
    if min(losses) <= flat:
        return f"edge of a plateau (one side loses {max(losses):.4f})" + families
    if max(losses) <= sharp:
        return "shallow peak" + families
    return ("sharp peak" if away else "peak the families agree on") + families


def proposal(audit: Audit, picks: dict[str, int], gain: float, margin: float) -> str:
    """The value the held-out folds choose most, if it is not the default: proposed when
    it costs at most 0.002 dev MRR@10 and 0.005 on any set, a change when held out gains."""
    pick = max(picks, key=lambda lb: (picks[lb], lb == "default"))
    if pick == "default":
        return "keep (held-out folds choose the default)"
    base, other = audit.by_set("default"), audit.by_set(pick)
    cost = base["dev"] - other["dev"]
    worst = max(base[s] - other[s] for s in SETS)
    if cost > 0.002 or worst > 0.005:
        return f"keep ({pick} costs dev {cost:+.4f}, worst set {worst:+.4f})"
    if gain <= 0:
        return f"keep (folds lean to {pick}, no held-out gain)"
    if gain >= margin:
        return f"CHANGE to {pick} (held-out {gain:+.4f})"
    return f"propose {pick} (held-out {gain:+.4f} < {margin}: report only)"


def measure(searcher, base_settings, knob: str, value: object,
            judged: dict[str, list[Judged]]) -> dict[str, float]:
    apply(searcher, base_settings, knob, value)
    search = searcher_fn(searcher)
    out = {}
    for name, items in judged.items():
        for o in run_judgments(search, items, name).outcomes:
            out[f"{name}:{o.judged.qid}"] = o.rr10
    return out


def report(knob: str, values: list[tuple[str, object]], audit: Audit, args
           ) -> tuple[list[str], str]:
    """The knob's section, and its row of the summary table."""
    fams = audit.family_keys()
    lines = [f"## {knob}", "", "| value | pooled | dev | oov | situations | family mean "
             "| worst family |", "|---|---:|---:|---:|---:|---:|---|"]
    for label, value in values:
        sets = audit.by_set(label)
        per = audit.by_family(label)
        worst = min(per, key=per.get)
        lines.append(f"| {label} {value} | {audit.pooled(label):.4f} | {sets['dev']:.4f} | "
                     f"{sets['oov']:.4f} | {sets['situations']:.4f} | "
                     f"{mean(list(per.values())):.4f} | {worst} {per[worst]:.3f} |")
    held, default, picks = audit.held_out()
    gain = held - default
    judged = verdict(audit, args.sharp, args.flat, args.disagree, args.min_family)
    advice = proposal(audit, picks, gain, args.margin)
    i = audit.labels.index("default")
    near = [lb for lb in audit.labels[max(0, i - 1):i + 2] if lb != "default"]
    base = audit.pooled("default")
    shown = "the table" if isinstance(values[i][1], dict) else values[i][1]
    row = (f"| {knob} | {shown} | "
           + " / ".join(f"{audit.pooled(lb) - base:+.4f}" for lb in near)
           + f" | {max(audit.pooled(lb) for lb in audit.labels) - base:+.4f} | {gain:+.4f} "
           f"| {judged} | {advice} |")
    lines += ["", f"leave-one-family-out ({len(fams)} families): {held:.4f} vs default "
              f"{default:.4f} ({gain:+.4f}); chosen for "
              + ", ".join(f"{lb} {n}" for lb, n in sorted(picks.items())) + " held-out queries",
              f"verdict: {judged}; {advice}"]
    moved = [(f, {lb: audit.pooled(lb, keys) for lb, _ in values}) for f, keys in fams.items()
             if len(keys) >= args.min_family]
    moved = [(f, s) for f, s in moved if max(s.values()) - min(s.values()) >= args.disagree]
    if moved:
        lines.append("families it moves (>= --disagree): " + "; ".join(
            f"{f} (n={len(fams[f])}) " + " ".join(f"{lb} {v:.3f}" for lb, v in s.items())
            for f, s in moved))
    return lines + [""], row


def add_set_options(parser: argparse.ArgumentParser) -> None:
    """The tuning judgments' options (``SETS``: --devset, --oov, --situations)."""
    parser.add_argument("--devset", type=Path, default=REPO / "eval" / "devset.tsv")
    parser.add_argument("--oov", type=Path, default=REPO / "eval" / "oov.tsv")
    parser.add_argument("--situations", type=Path, default=REPO / "eval" / "situations.tsv")


def read_sets(args: argparse.Namespace, base: int) -> dict[str, list[Judged]]:
    """The judgments the options of :func:`add_set_options` name, by set, on ``base``'s ports."""
    return {name: to_ports(read_judgments(path), base)
            for name, path in zip(SETS, (args.devset, args.oov, args.situations), strict=True)}


SUMMARY_HEAD = ["| knob | default | pooled MRR@10, nearest values - default "
                "| best value - default | family held out - default | verdict | advice |",
                "|---|---|---|---:|---:|---|---|"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True,
                        help="a data dir built from the tuning (bundled sample) web")
    add_set_options(parser)
    parser.add_argument("--knobs", nargs="+", choices=[k.name for k in KNOBS], metavar="KNOB",
                        help="audit only these (default: all of: %(choices)s)")
    parser.add_argument("--results", type=Path, default=None,
                        help="JSON of per-query reciprocal ranks, read and extended")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here")
    parser.add_argument("--sharp", type=float, default=0.005)
    parser.add_argument("--flat", type=float, default=0.002)
    parser.add_argument("--disagree", type=float, default=0.02)
    parser.add_argument("--min-family", type=int, default=30)
    parser.add_argument("--margin", type=float, default=0.003)
    args = parser.parse_args()
    try:
        settings = load_settings(args.data_dir)
        searcher = open_searcher(settings)  # no data dir or no index: says which
        base = base_port(args.data_dir)
        judged = read_sets(args, base)
    except SikojaError as exc:
        sys.exit(f"knob_audit: {exc}")
    fam = families(judged, base)
    store: dict[str, dict[str, dict[str, float]]] = (
        json.loads(args.results.read_text(encoding="utf-8"))
        if args.results and args.results.is_file() else {})
    knobs = [k for k in KNOBS if not args.knobs or k.name in args.knobs]
    out = ["# Knob audit: template families held out", "",
           f"{sum(map(len, judged.values()))} queries "
           f"({', '.join(f'{n} {len(j)}' for n, j in judged.items())}), "
           f"{len({f for fs in fam.values() for f in fs})} families", ""]
    summary: list[str] = []
    try:
        if "default" not in store:
            started = time.perf_counter()
            store["default"] = measure(searcher, settings, "rrf_k", settings.ranking.rrf_k,
                                       judged)
            print(f"default: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        for knob in knobs:
            values = knob_values(knob, settings.ranking, settings.semantic)
            rr = {"default": store["default"]}
            for label, value in values:
                key = f"{knob.name}={json.dumps(value, sort_keys=True)}"
                if label != "default" and key not in store:
                    started = time.perf_counter()
                    store[key] = measure(searcher, settings, knob.name, value, judged)
                    print(f"{key}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
                    if args.results:
                        args.results.write_text(json.dumps(store), encoding="utf-8")
                if label != "default":
                    rr[label] = store[key]
            audit = Audit([lb for lb, _ in values], rr, fam)
            section, row = report(knob.name, values, audit, args)
            print("\n".join(section), flush=True)
            out += section
            summary.append(row)
    finally:
        searcher.close()
        if args.results:
            args.results.write_text(json.dumps(store), encoding="utf-8")
    print("\n".join(["## Summary", "", *SUMMARY_HEAD, *summary]))
    out += ["## Summary", "", *SUMMARY_HEAD, *summary]
    if args.out:
        args.out.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
