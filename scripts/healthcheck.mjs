// The image's health check (Dockerfile HEALTHCHECK, docker-compose.yml): exits 0 once the emulator
// answers /_emulator/health. A file, not `node -e "…"`, so that no compose tool has to quote it.
const port = process.env.PORT || 3000
fetch(`http://127.0.0.1:${port}/_emulator/health`, { signal: AbortSignal.timeout(2500) })
  .then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))
