# The oomguard image, for those who build it themselves:
#   docker build -t oomguard .
#   docker run --rm -v "$PWD:/src" oomguard scan .
# (ci/image makes the same image without a registry, from an mmdebstrap root.)
# Stage 1 builds the Debian package with the packages of ci/setup --build.
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config libyaml-cpp-dev libre2-dev libgit2-dev nlohmann-json3-dev git dpkg-dev file \
 && rm -rf /var/lib/apt/lists/*
COPY . /oomguard
RUN cmake -S /oomguard -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DOOMGUARD_BUILD_TESTS=OFF \
 && cmake --build /build --target oomguard oomguard_docs \
 && cd /build && cpack -G DEB

# Stage 2: bookworm-slim with the package installed by apt (its dependencies
# are the ones dpkg-shlibdeps computed).
FROM debian:bookworm-slim
COPY --from=build /build/package/oomguard_*.deb /tmp/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/oomguard_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/oomguard_*.deb
WORKDIR /src
ENTRYPOINT ["oomguard"]
CMD ["scan", "."]
