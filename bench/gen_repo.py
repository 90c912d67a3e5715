#!/usr/bin/env python3
"""Generates a synthetic repository for ci/bench: Kubernetes manifests,
Dockerfiles, env files and compose files, with realistic sizes and a mix of
seeded problems. Deterministic for a given size."""
import os
import random
import sys


def deployment(i, rnd):
    limit = rnd.choice(["256Mi", "512Mi", "1Gi", "2Gi"])
    gml = rnd.choice(["", "460MiB", "512Mi", "900MiB", "1GiB"])
    env = ""
    if gml:
        env = f"""          env:
            - name: GOMEMLIMIT
              value: {gml}
            - name: LOG_LEVEL
              value: info
"""
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{i}
  namespace: team-{i % 50}
  labels:
    app.kubernetes.io/name: svc-{i}
    app.kubernetes.io/part-of: bench
  annotations:
    description: "synthetic service {i} for the oomguard benchmark"
spec:
  replicas: {1 + i % 5}
  selector:
    matchLabels:
      app: svc-{i}
  template:
    metadata:
      labels:
        app: svc-{i}
    spec:
      serviceAccountName: svc-{i}
      containers:
        - name: app
          image: registry.example.com/bench/svc-{i % 1000}:1.{i % 7}.0
          ports:
            - containerPort: 8080
              name: http
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
            periodSeconds: 10
{env}          resources:
            requests:
              cpu: 100m
              memory: {limit}
            limits:
              memory: {limit}
---
apiVersion: v1
kind: Service
metadata:
  name: svc-{i}
  namespace: team-{i % 50}
spec:
  selector:
    app: svc-{i}
  ports:
    - port: 80
      targetPort: http
"""


def dockerfile(i, rnd):
    gogc = rnd.choice(["", "ENV GOGC=100\n", "ENV GOGC=off\n", "ENV GOGC=50%\n"])
    return f"""# syntax=docker/dockerfile:1
ARG GO_VERSION=1.23
FROM golang:${{GO_VERSION}} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/app ./cmd/svc-{i}

FROM gcr.io/distroless/static:nonroot
{gogc}COPY --from=build /out/app /app
USER nonroot
ENTRYPOINT ["/app"]
"""


def main():
    out = sys.argv[1]
    n_k8s = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rnd = random.Random(42)
    n_df = max(1, n_k8s // 10)
    for i in range(n_k8s):
        d = os.path.join(out, "deploy", f"team-{i % 50}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"svc-{i}.yaml"), "w") as f:
            f.write(deployment(i, rnd))
    for i in range(n_df):
        d = os.path.join(out, "services", f"svc-{i}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "Dockerfile"), "w") as f:
            f.write(dockerfile(i, rnd))
        with open(os.path.join(d, "app.env"), "w") as f:
            f.write(f"# service {i}\nLOG_LEVEL=info\nGOMEMLIMIT={rnd.choice(['460MiB', '512Mi'])}\nGOGC=100\n")
    for i in range(max(1, n_k8s // 100)):
        d = os.path.join(out, "compose", f"stack-{i}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "compose.yaml"), "w") as f:
            f.write(f"""services:
  app:
    build: ../../services/svc-{i}
    mem_limit: 512m
    env_file: ../../services/svc-{i}/app.env
  db:
    image: postgres:16
    mem_limit: 1g
    memswap_limit: 1g
""")
        with open(os.path.join(d, ".env"), "w") as f:
            f.write("TAG=latest\n")


if __name__ == "__main__":
    main()
