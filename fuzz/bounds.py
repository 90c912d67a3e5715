#!/usr/bin/env python3
"""Resource bounds of one hostile input: generates worst-case files of up to
max_file_bytes (4 MiB) of each kind oomguard reads, scans each on its own with
the real binary (`oomguard scan DIR --format json`), and prints wall time and
peak RSS. Fails (exit 1) when a scan exceeds the stated bounds or crashes.

usage: fuzz/bounds.py OOMGUARD_BINARY [--time-limit S] [--rss-limit-mb MB]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

MAX = 4 * 1024 * 1024  # OG903's max_file_bytes default


def fill(unit, budget=MAX - 64):
    return unit * (budget // len(unit))


def cases():
    rnd = random.Random(20261203)
    k8s_head = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
    # "# kind" gets past the scan's cheap pre-check (YAML without `kind` or
    # `services` is not parsed at all), so these reach yaml-cpp
    yield "yaml-flow-nesting", "deep.yaml", "# kind\na: " + "[" * (MAX - 64)
    yield "yaml-block-nesting", "deep.yaml", "# kind\n" + "".join(" " * i + "k:\n" for i in range(2000))
    # billion laughs: each level refers to the previous ten times
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 40):
        bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    yield "yaml-alias-bomb", "bomb.yaml", "# kind\n" + "\n".join(bomb) + "\n"
    yield "yaml-many-documents", "docs.yaml", "# kind\n" + fill("---\n")
    yield "yaml-many-commas", "c.yaml", "kind: List\nitems: [" + fill("{a: [1, 2], b: 'x,y'}, ") + "]\n"
    yield "yaml-long-scalar", "long.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: " + "x" * (MAX - 128) + "\n"
    env = "".join(f"    - name: V{i}\n      value: \"{i}Mi\"\n" for i in range(60000))
    yield "k8s-many-env", "pod.yaml", (k8s_head + "  - name: c\n    image: go:1\n    resources: {limits: {memory: 1Gi}}\n    env:\n" + env)[:MAX - 64]
    containers = "".join(f"  - name: c{i}\n    image: img{i}\n    resources: {{limits: {{memory: {i}Mi}}}}\n    env: [{{name: GOMEMLIMIT, value: {i}Mi}}]\n" for i in range(30000))
    yield "k8s-many-containers", "pod.yaml", (k8s_head + containers)[:MAX - 64].rsplit("\n  - name", 1)[0] + "\n"
    yield "dockerfile-many-env", "Dockerfile", "FROM golang:1.22\n" + fill("ENV GOMEMLIMIT=${GOMEMLIMIT:-1GiB} X=$X$X\n")
    yield "dockerfile-env-doubling", "Dockerfile", "FROM scratch\nENV X=ab\n" + "ENV X=$X$X\n" * 64
    yield "dockerfile-long-continuation", "Dockerfile", "FROM scratch\nRUN " + fill("x \\\n")
    yield "dockerfile-many-stages", "Dockerfile", "".join(f"FROM s{i-1} AS s{i}\nENV A{i}=${{A{i-1}}}x\n" for i in range(1, 60000))[:MAX - 64]
    yield "envfile-many-lines", ".env", fill("GOMEMLIMIT=${GOMEMLIMIT:-${GOGC:-512MiB}}\n")
    yield "envfile-deep-interpolation", ".env", "A=" + "${B:-" * 100000 + "x" + "}" * 100000 + "\n"
    svc = "".join(f"  s{i}:\n    image: i{i}\n    mem_limit: ${{M:-{i}m}}\n    environment: [GOMEMLIMIT=${{G:-{i}MiB}}]\n" for i in range(40000))
    yield "compose-many-services", "compose.yaml", ("services:\n" + svc)[:MAX - 64].rsplit("\n  s", 1)[0] + "\n"
    yield "compose-deep-interpolation", "compose.yaml", "services:\n  a:\n    image: x\n    mem_limit: " + "${A:-" * 60000 + "1g" + "}" * 60000 + "\n"
    yield "script-many-docker-runs", "run.sh", fill("docker run --memory=512m --memory-swap=1g -e GOMEMLIMIT=400MiB img \\\n  `x` \"$Y\"\n")
    yield "suppression-comments", "pod.yaml", fill("# oomguard: ignore[OG101,OG102,OG103,nonsense] reason\n")
    printable = bytes(b for b in range(1, 256) if b not in (0,))
    yield "random-bytes-yaml", "r.yaml", bytes(rnd.choice(printable) for _ in range(MAX - 64))
    yield "random-bytes-dockerfile", "Dockerfile", bytes(rnd.choice(printable) for _ in range(MAX - 64))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--rss-limit-mb", type=float, default=2048.0)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="oomguard-bounds-")
    failed = 0
    print(f"{'input (<= 4 MiB)':30} {'bytes':>9} {'wall s':>8} {'peak RSS MB':>12} {'exit':>5}  result")
    try:
        for name, file, content in cases():
            d = os.path.join(tmp, name)
            os.makedirs(d)
            data = content if isinstance(content, bytes) else content.encode()
            assert len(data) <= MAX, (name, len(data))
            with open(os.path.join(d, file), "wb") as f:
                f.write(data)
            t0 = time.monotonic()
            errf = tempfile.TemporaryFile()
            p = subprocess.Popen([a.binary, "scan", d, "--format", "json", "--no-color"],
                                 stdout=subprocess.DEVNULL, stderr=errf)
            ru = None
            while True:  # os.wait4 gives this child's own peak RSS
                pid, status, ru = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - t0 > a.time_limit * 3:
                    p.kill()
                    os.wait4(p.pid, 0)
                    ru = None
                    break
                time.sleep(0.01)
            if ru is None:
                print(f"{name:30} {len(data):9} {'>' + str(a.time_limit * 3):>8} {'?':>12} {'kill':>5}  FAIL: hung")
                failed += 1
                continue
            code = os.waitstatus_to_exitcode(status)
            p.returncode = code
            errf.seek(0)
            err = errf.read()
            wall = time.monotonic() - t0
            rss = ru.ru_maxrss / 1024
            ok = code in (0, 1) and wall <= a.time_limit and rss <= a.rss_limit_mb
            why = "ok" if ok else f"FAIL: exit {code} {err.decode(errors='replace')[-200:]}" if code not in (0, 1) else "FAIL: over the bound"
            failed += not ok
            print(f"{name:30} {len(data):9} {wall:8.2f} {rss:12.1f} {code:5}  {why}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"bounds: wall <= {a.time_limit:g} s and peak RSS <= {a.rss_limit_mb:g} MB per input; {failed} over")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
