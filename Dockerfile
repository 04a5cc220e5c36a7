# Tessera in a container: build with `docker build -t tessera .` or `podman build --format docker -t tessera .`
# (the Docker image format keeps the HEALTHCHECK; podman's default OCI format drops it).
# Data (SQLite database, generated secret, attachments) lives in the /data volume.
ARG NODE_IMAGE=docker.io/library/node:24-bookworm-slim

# ---- build: install every dependency, compile the server and the web app, then drop dev dependencies
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles its native module when no prebuilt binary can be downloaded (offline
# machines, other platforms); that needs Python 3, make and a C++ compiler. Only this stage has them.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
# --ignore-scripts: the project's own `prepare` (a build) needs the sources, copied below; the one
# dependency with an install script (better-sqlite3) is built explicitly, against the Node.js
# headers in the image (npm_config_nodedir) rather than headers downloaded from nodejs.org.
# Behind a TLS-inspecting proxy, pass its CA bundle as a build secret (never stored in a layer):
#   --secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi \
 && npm ci --ignore-scripts \
 && npm_config_nodedir=/usr/local npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY common ./common
COPY src ./src
COPY web ./web
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && rm -rf node_modules/better-sqlite3/build/Release/obj.target node_modules/better-sqlite3/build/Release/.deps \
      node_modules/better-sqlite3/deps node_modules/better-sqlite3/src dist/.tsbuildinfo

# ---- runtime: Node.js, the compiled app and its production dependencies; no compiler, no sources
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    TESSERA_DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
# The app's files belong to root: the process (user node) can read them but not change them.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# /data/attachments exists so that a volume mounted there alone (compose.yaml) starts out owned by node.
RUN mkdir -p /data/attachments && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Slim images have no curl: Node.js asks /api/health ({"status":"ok"} once the database answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js", "start"]
