# syntax=docker/dockerfile:1
# The Omnidesk emulator: a seeded demo on a SQLite file in /data, ready on first start.

# Build: compile TypeScript and the native SQLite module, then keep only what runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# Build better-sqlite3 against the headers the image ships (no download of Node's headers needed).
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY seed ./seed
COPY scripts/bundle.mjs scripts/light-my-request-fix.mjs scripts/precompile-schemas.mjs scripts/code-cache.mjs scripts/build-demo-image.mjs scripts/warm-code-cache.mjs scripts/build-if-changed.mjs ./scripts/
# The build also leaves the demo database ready-made and V8's code cache of the server in dist/ (for
# a fast start); the run stage has the same Node, so the cache is valid there.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
           node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
           node_modules/better-sqlite3/build/Release/.deps node_modules/better-sqlite3/build/deps \
           node_modules/better-sqlite3/build/Release/test_extension.node

# Run: the same base (the native module's ABI must match), no compilers, no npm at run time.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/omnidesk.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scripts/healthcheck.mjs ./healthcheck.mjs
COPY migrations ./migrations
COPY seed ./seed
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Healthy only once the emulator answers; node itself does the check (the image has no curl), from a
# file, so that compose tools need not quote a script (podman-compose broke `node -e "…"`).
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs"]
# node runs as PID 1 and handles SIGTERM/SIGINT itself (close-with-grace): docker stop is clean and quick.
CMD ["node", "dist/server.js"]
