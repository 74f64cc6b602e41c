# A small image of arsip: a static (musl) binary on an empty base.
#
#   docker build -t arsip .
#   docker run --rm -v "$PWD:/site" arsip build                  # the site in the current folder
#   docker run --rm -v "$PWD:/site" arsip build --base-url https://example.org/
#   docker run --rm -p 1111:1111 -v "$PWD:/site" arsip serve --bind 0.0.0.0
#
# The site is mounted at /site, the working directory; the output goes to /site/public as
# without Docker. Add `--user "$(id -u):$(id -g)"` so the files written belong to you.

FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY templates templates
# Without debug symbols: the image holds the binary alone.
ENV CARGO_PROFILE_RELEASE_STRIP=true
RUN cargo build --release --locked --bin arsip

FROM scratch
COPY --from=build /src/target/release/arsip /arsip
WORKDIR /site
ENTRYPOINT ["/arsip"]
CMD ["build"]
