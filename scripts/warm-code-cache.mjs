// Part of `npm run build`: starts the built server once, asks it for a few pages, and stops it, so
// that dist/server.js leaves V8's code cache for the next starts; then the same with startEmulator()
// of dist/index.js (see scripts/code-cache.mjs).
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'

const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address()
    probe.close(() => resolve(port))
  })
})
const child = spawn(process.execPath, ['dist/server.js'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: ':memory:', SEED: 'true', LOG_LEVEL: 'silent', API_KEY: 'warm-up' },
  stdio: ['ignore', 'ignore', 'inherit']
})
const exited = new Promise((resolve) => child.once('exit', resolve))
const base = `http://127.0.0.1:${port}`
const until = Date.now() + 30_000
for (;;) {
  try {
    if ((await fetch(`${base}/_emulator/health`)).ok) break
  } catch {}
  if (Date.now() > until || child.exitCode !== null) throw new Error('warm-code-cache: the server did not start')
  await new Promise((resolve) => setTimeout(resolve, 20))
}
for (const url of ['/api/v2/ticket/858462?getTicketHistory=1', '/api/v2/ticket?status=open', '/']) {
  await fetch(`${base}${url}`, { headers: { apiKey: 'warm-up' } })
}
child.kill('SIGTERM')
await exited
if (!fs.existsSync('dist/server.cjs.cache')) throw new Error('warm-code-cache: no code cache was written')

// The programmatic API, as a test runner's globalSetup uses it.
const api = spawn(process.execPath, ['--input-type=module', '-e', `
  const { startEmulator } = await import('./dist/index.js')
  const emulator = await startEmulator({ apiKey: 'warm-up' })
  for (const url of ['/api/v2/ticket/858462?getTicketHistory=1', '/api/v2/ticket?status=open']) await (await fetch(emulator.url + url, { headers: { apiKey: 'warm-up' } })).text()
  await emulator.close()
`], { stdio: ['ignore', 'ignore', 'inherit'] })
const code = await new Promise((resolve) => api.once('exit', resolve))
if (code !== 0 || !fs.existsSync('dist/index.cjs.cache')) throw new Error('warm-code-cache: no code cache was written for dist/index.js')
