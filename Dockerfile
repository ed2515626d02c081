# syntax=docker/dockerfile:1
# mapguard GitHub App and CLI. Build: docker build -t mapguard .
# App:   docker run -p 3000:3000 -e APP_ID=... -e PRIVATE_KEY="$(cat key.pem)" -e WEBHOOK_SECRET=... mapguard
#        (without APP_ID: Probot's setup flow registers the App from app.yml)
# CLI:   docker run --rm -v "$PWD:/src" mapguard mapguard check /src
# See docs/deploy.md.

ARG NODE_VERSION=20
ARG GO_VERSION=1.26

# ---- build: compile TypeScript, then keep production dependencies only
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Sources are not here yet, so skip `prepare` (the build); it runs below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
COPY rules ./rules
RUN npm run build && npm prune --omit=dev --ignore-scripts

# ---- Go toolchain for the escape-analysis runner
FROM golang:${GO_VERSION}-bookworm AS go

# ---- runtime: Node 20 + Go + bubblewrap (+ gcc for the race detector), non-root
FROM node:${NODE_VERSION}-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap ca-certificates gcc libc6-dev util-linux \
 && rm -rf /var/lib/apt/lists/*
COPY --from=go /usr/local/go /usr/local/go
# No NODE_ENV=production: Probot's setup flow (no APP_ID yet) refuses to run under it; the
# dependencies are already pruned to production ones.
ENV PATH=/usr/local/go/bin:$PATH \
    GOTOOLCHAIN=local \
    HOST=0.0.0.0 \
    PORT=3000
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin mapguard
WORKDIR /app
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/bin ./bin
RUN ln -s /app/bin/mapguard.js /usr/local/bin/mapguard
# Rule pages (`mapguard explain`) and the manifest Probot's setup flow registers the App from.
COPY rules ./rules
COPY app.yml ./
USER mapguard
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
