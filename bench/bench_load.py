"""Load benchmark of the web API on loopback: requests per second and p50/p99 latency.

Runs the real server (``sikoja serve``, one process) over a synthetic corpus of Kota Jambi
style service pages and drives it with wrk (Debian's ``wrk``, Lua scripted) at a fixed
number of open connections:

- ``zipf``: a realistic mix where popular queries repeat ("urus ktp" far more often than
  "izin praktik bidan"), Zipf-distributed over ~190 citizen phrasings; the response cache
  answers most of them;
- ``no-repeat``: every request a query never seen before, so every one runs the full
  search (analysis, keyword and vector retrieval, fusion, snippets);
- ``suggest``: autocomplete requests for prefixes as they are typed.

Every run must finish with 0 errors (socket errors and non-2xx answers are counted). The
rate limit is switched off for the benchmark (``api.rate_limit_per_minute: 0``): one client
sending hundreds of requests a second is exactly what it exists to stop.

    .venv/bin/python bench/bench_load.py                  # 2000 docs, USE embedder, c=32
    .venv/bin/python bench/bench_load.py --embedder none --docs 10000 --duration 20

Results are printed and written to bench/results/load.md (with the command that made them).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import FILLER, REGIONS, TOPICS, queries, write_corpus  # noqa: E402
from bench.net import free_port  # noqa: E402

LUA = r"""
-- Replays a file of request paths. Thread i takes lines i, i+T, i+2T, ... so that with a
-- list of distinct queries no two requests in the run repeat one (until the list wraps).
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  nthreads = tonumber(args[2])
  idx = tid + 1
end

function request()
  local path = paths[idx]
  idx = idx + nthreads
  if idx > #paths then idx = tid + 1 end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def build_data_dir(path: Path, docs: int, embedder: str) -> None:
    """Crawled documents (synthetic) and an index, reused between runs of the benchmark."""
    from indexer.build import build_index
    from sikoja.config import load_settings

    marker = path / "bench-ready.json"
    wanted = {"docs": docs, "embedder": embedder}
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    write_corpus(path, docs)
    settings = load_settings(path, embedder=embedder)
    started = time.monotonic()
    print(f"building the index: {docs} documents, embedder {embedder} ...", flush=True)
    print(build_index(settings), f"({time.monotonic() - started:.0f}s)", flush=True)
    marker.write_text(json.dumps(wanted))


def write_config(path: Path, embedder: str) -> None:
    (path / "sikoja.yaml").write_text(
        f"embedder: {embedder}\napi:\n  rate_limit_per_minute: 0\n", encoding="utf-8")


def search_path(q: str) -> str:
    return "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10})


def zipf_paths(n: int) -> list[str]:
    return [search_path(q) for q in queries(n, seed=11, repeat=True)]


def unique_paths(n: int) -> list[str]:
    """n distinct queries, none of them in the Zipf mix (three parts where those have two)."""
    rng = random.Random(23)
    phrases = [phrase for _, _, phrase in TOPICS]
    places = [r.split(" ", 1)[1].lower() for r in REGIONS]
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        q = f"{rng.choice(phrases)} {rng.choice(places)} {rng.choice(FILLER)}"
        if rng.random() < 0.5:
            q += f" {rng.choice(FILLER)}"
        if q not in seen:
            seen.add(q)
            out.append(search_path(q))
    return out


def suggest_paths(n: int) -> list[str]:
    rng = random.Random(5)
    typed = [phrase[:k] for _, _, phrase in TOPICS for k in range(2, len(phrase) + 1)]
    typed += [title.lower()[:k] for title, _, _ in TOPICS for k in range(3, len(title) + 1)]
    weights = [1 / (r + 1) ** 0.8 for r in range(len(typed))]
    return ["/api/suggest?" + urllib.parse.urlencode({"q": t})
            for t in rng.choices(typed, weights=weights, k=n)]


class Server:
    """``sikoja serve`` (one process), or uvicorn with the app factory for ``workers`` > 1."""

    def __init__(self, data_dir: Path, port: int, workers: int = 1,
                 blas_threads: int | None = None) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.workers = workers
        env = dict(os.environ)
        if blas_threads:
            for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
                env[name] = str(blas_threads)
        if workers == 1:
            cmd = [sys.executable, "-m", "sikoja.cli", "serve", "--data-dir", str(data_dir),
                   "--host", "127.0.0.1", "--port", str(port)]
        else:
            env["SIKOJA_DATA_DIR"] = str(data_dir)
            cmd = [sys.executable, "-m", "uvicorn", "search_api.app:create_app_from_environment",
                   "--factory", "--workers", str(workers), "--host", "127.0.0.1",
                   "--port", str(port), "--log-level", "warning", "--no-access-log"]
        self.cmd = cmd
        # a file, not a pipe: a server logging errors under load must never block on it
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                     stderr=self.log, start_new_session=True)

    def log_tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.log_tail())
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("server did not become healthy")

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=30) as r:
            return r.read()

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def index_searches(server: Server) -> float | None:
    """Searches that reached the index so far (None with several processes: a scrape sees
    only the one that answers it)."""
    if server.workers > 1:
        return None
    text = server.get("/metrics").decode()
    m = re.search(r"^sikoja_index_searches_total (\S+)$", text, re.M)
    return float(m.group(1)) if m else 0.0


def run_wrk(server: Server, paths: list[str], *, name: str, connections: int, threads: int,
            duration: int, workdir: Path) -> dict:
    load_before = round(os.getloadavg()[0], 2)
    paths_file = workdir / f"{name}.paths"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = workdir / "mix.lua"
    script.write_text(LUA, encoding="utf-8")
    ran0 = index_searches(server)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
           "--latency", "-s", str(script), server.url, "--", str(paths_file), str(threads)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed: {out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    ran1 = index_searches(server)
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    seconds = data["duration_us"] / 1e6
    return {
        "mix": name, "requests": data["requests"], "seconds": round(seconds, 1),
        "rps": round(data["requests"] / seconds, 1),
        "p50_ms": round(data["p50_us"] / 1000, 2), "p90_ms": round(data["p90_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2), "max_ms": round(data["max_us"] / 1000, 1),
        "errors": errors,
        "index_searches": None if ran0 is None or ran1 is None else int(ran1 - ran0),
        "distinct_paths": len(set(paths)),
        "load_before": load_before, "load_after": round(os.getloadavg()[0], 2),
        "wrk": f"wrk -t{threads} -c{connections} -d{duration}s --timeout 10s --latency "
               "-s mix.lua http://127.0.0.1:PORT -- PATHS_FILE THREADS",
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}"


HEADER = """# Load benchmark: the search API on loopback

Made by `bench/bench_load.py` (wrk with a Lua script replaying a file of request paths; each
wrk thread replays its own stride, so a list of distinct queries never repeats in a run).
Every run must have 0 errors (socket errors, timeouts and non-2xx answers are counted).

- **zipf**: ~190 citizen phrasings ("urus ktp", "akte lahir anak jambi" ...) drawn with
  Zipf weights 1/rank. The response cache (normalised query + parameters; emptied on
  reindex, synonym or best-bet change) answers the repeats; a burst of the same new query
  runs it once. The run starts with a cold cache, which is what the p99 shows.
- **no-repeat**: every request a query never seen before (phrase + place + filler words),
  so every one runs the whole search: analysis, keyword and vector retrieval, fusion,
  snippets, answer card.
- **suggest**: autocomplete prefixes as typed ("ur", "uru", "urus" ...), Zipf-weighted, at
  the same concurrency; **suggest c=1**: the same, one request at a time (what one
  citizen typing sees).
- searches run: requests that reached the index (not answered from the cache); it can
  exceed the requests wrk counted by the searches still queued when wrk stopped.
- The machine is shared with other developers' work; the load average is recorded.
"""


def format_section(results: list[dict], args: argparse.Namespace, command: str) -> str:
    targets = {"zipf": 300, "no-repeat": 100}
    server = ("`sikoja serve`, one uvicorn process" if args.workers == 1 else
              f"uvicorn `search_api.app:create_app_from_environment --factory --workers "
              f"{args.workers}`")
    lines = [
        f"## embedder `{args.embedder}`, {args.workers} server process"
        f"{'es' if args.workers > 1 else ''}, {args.docs} documents "
        f"({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC)",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {machine()}; server ({server}) and wrk on the same machine. "
        f"{args.connections} connections, {args.threads} wrk threads, {args.duration} s per "
        f"mix after a warm-up; rate limit off"
        + (f"; server BLAS threads {args.blas_threads}" if args.blas_threads else "")
        + ". Load average (1 min) before/after: "
        f"{results[0]['load_before']} / {results[-1]['load_after']}.",
        "",
        "| mix | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | searches run "
        "| distinct paths | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        target = targets.get(r["mix"])
        if target:
            verdict = f">= {target} req/s: {'met' if r['rps'] >= target else 'NOT met'}"
        elif r["mix"] == "suggest c=1":
            verdict = f"p99 < 20 ms: {'met' if r['p99_ms'] < 20 else 'NOT met'}"
        else:
            verdict = ""
        ran = "-" if r["index_searches"] is None else (
            f"{r['index_searches']} ({r['index_searches'] / max(1, r['requests']):.0%})")
        lines.append(f"| {r['mix']} | {r['rps']} | {r['p50_ms']} | {r['p90_ms']} | "
                     f"{r['p99_ms']} | {r['max_ms']} | {r['errors']} | {ran} | "
                     f"{r['distinct_paths']} | {verdict} |")
    lines += ["", "wrk: `" + results[0]["wrk"] + "`", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="corpus size (2000)")
    parser.add_argument("--embedder", default="use", help="'use' (default) or 'none'")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes: 1 = `sikoja serve`; more = uvicorn --workers")
    parser.add_argument("--duration", type=int, default=15, help="seconds per mix (15)")
    parser.add_argument("--mixes", default="zipf,no-repeat,suggest,suggest c=1")
    parser.add_argument("--blas-threads", type=int, default=None,
                        help="OPENBLAS/OMP/MKL_NUM_THREADS for the server (default: unset)")
    parser.add_argument("--append", action="store_true",
                        help="add this run as a section to --out instead of replacing it")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench" / "out" / "load-data")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load.md")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    command = "python bench/bench_load.py " + " ".join(sys.argv[1:])
    build_data_dir(args.data_dir, args.docs, args.embedder)
    write_config(args.data_dir, args.embedder)
    for name in ("analytics.db", "analytics.db-wal", "analytics.db-shm"):
        (args.data_dir / name).unlink(missing_ok=True)  # each run starts without history
    mixes = {
        "zipf": lambda: zipf_paths(20_000),
        "no-repeat": lambda: unique_paths(60_000),
        "suggest": lambda: suggest_paths(20_000),
        "suggest c=1": lambda: suggest_paths(20_000),
    }
    server = Server(args.data_dir, free_port(), args.workers, args.blas_threads)
    results = []
    workdir = Path(tempfile.mkdtemp(prefix="sikoja-load-"))
    try:
        server.wait_ready()
        for i in range(4 * args.workers):  # load the embedder in every process
            server.get(search_path(f"urus ktp pemanasan {i}"))
        for name in args.mixes.split(","):
            one = name.endswith("c=1")
            result = run_wrk(server, mixes[name](), name=name,
                             connections=1 if one else args.connections,
                             threads=1 if one else args.threads,
                             duration=min(args.duration, 8) if one else args.duration,
                             workdir=workdir)
            print(json.dumps(result), flush=True)
            results.append(result)
    except Exception:
        print("server log:\n" + server.log_tail(), file=sys.stderr)
        raise
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    section = format_section(results, args, command)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.append and args.out.is_file():
        with args.out.open("a", encoding="utf-8") as f:
            f.write("\n" + section)
    else:
        args.out.write_text(HEADER + "\n" + section, encoding="utf-8")
    print(section)
    return 0 if all(r["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
