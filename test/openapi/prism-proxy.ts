// npm run test:openapi: Stoplight Prism 5.14 (installed with the bench's tools, bench/package.json) in
// proxy mode in front of the emulator validates every request the README shows, and the answers to
// them and to the error cases, against the emulator's own OpenAPI description. A violation Prism
// reports fails the run (for the error cases, whose requests are wrong on purpose, a violation of
// the response). Prints "N passed, N failed".
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { startEmulator } from '../../src/index.js'

const ROOT = path.join(import.meta.dirname, '..', '..')
const PRISM = path.join(ROOT, 'bench', 'node_modules', '.bin', 'prism')
const KEY = 'omnidesk-demo-key'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-prism-'))
let passed = 0
let failed = 0
const report = (ok: boolean, what: string, detail = '') => {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'ok' : 'not ok'} - ${what}${ok || detail === '' ? '' : `\n  ${detail.replace(/\n/g, '\n  ')}`}`)
}

async function freePort (): Promise<number> {
  return await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * The curl commands of the README's sh blocks, each as one command: backslash continuations joined,
 * and a line that leaves a single quote open continued by the next (a JSON body over several lines).
 * A block that starts a container (`docker run`, `docker compose up`) starts from the demo seed: its
 * curls are marked `fresh`.
 */
function readmeCurls (): Array<{ command: string, fresh: boolean }> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
  const commands: Array<{ command: string, fresh: boolean }> = []
  for (const block of blocks) {
    const fresh = /^docker (run|compose up)/m.test(block)
    let pending = ''
    for (const line of block.replace(/\\\n\s*/g, ' ').split('\n')) {
      pending = pending === '' ? line : `${pending}\n${line}`
      if ((pending.match(/'/g) ?? []).length % 2 === 1) continue
      commands.push({ command: pending.replace(/\s+#\s[^'\n]*$/, '').trim(), fresh })
      pending = ''
    }
  }
  return commands.filter(({ command }) => /^curl\s/.test(command) && command.includes('127.0.0.1:3000'))
}

/** The README's webhook receiver (examples/webhook-receiver.mjs) on port 4000, where its examples send webhooks. */
async function startReceiver (): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'examples', 'webhook-receiver.mjs')], { cwd: ROOT, env: { ...process.env, PORT: '4000' }, stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); if (output.includes('listening')) resolve() })
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.on('exit', () => { reject(new Error(`The README's webhook receiver did not start on port 4000 (is the port taken?):\n${output}`)) })
  })
  return child
}

const emulator = await startEmulator({ now: '2019-09-28 22:08:14', webhookRetryFactor: 0.01 })
fs.writeFileSync(path.join(work, 'openapi.json'), await (await fetch(`${emulator.url}/_emulator/openapi.json`)).text())
const port = await freePort()
const prismLog: string[] = []
const prism: ChildProcess = spawn(PRISM, ['proxy', '--host', '127.0.0.1', '--port', String(port), path.join(work, 'openapi.json'), emulator.url], { stdio: ['ignore', 'pipe', 'pipe'] })
prism.stdout?.on('data', (chunk: Buffer) => prismLog.push(...chunk.toString().split('\n')))
prism.stderr?.on('data', (chunk: Buffer) => prismLog.push(...chunk.toString().split('\n')))
const base = `http://127.0.0.1:${port}`
for (let i = 0; ; i++) {
  try {
    await fetch(`${base}/_emulator/health`)
    break
  } catch {
    if (i > 600 || prism.exitCode !== null) throw new Error(`Prism did not start:\n${prismLog.join('\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Prism's verdict on what was sent since `from`: an answer of its own instead of the emulator's, and
 * the violations it logged (of the response only, for a request that is wrong on purpose).
 */
function violations (from: number, answer: string, responseOnly = false): string[] {
  const kind = responseOnly ? /Violation: response/ : /Violation:|NO_PATH_MATCHED|prism\/errors/
  const logged = prismLog.slice(from).filter((line) => kind.test(line))
  return answer.includes('stoplight.io/prism/errors') ? [answer.slice(0, 600), ...logged] : logged
}

// 1. Every curl of the README, in order (they build on each other: export, then import a snapshot),
// with the README's webhook receiver listening.
const receiver = await startReceiver()
let wasFresh = false
for (const { command: line, fresh } of readmeCurls()) {
  if (fresh && !wasFresh) await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })
  wasFresh = fresh
  const command = line.replace(/http:\/\/127\.0\.0\.1:3000/g, base).replace(/^curl /, 'curl --max-time 20 ')
  const from = prismLog.length
  let answer = ''
  try {
    // Not execFileSync: the emulator runs in this very process and must go on answering.
    answer = (await promisify(execFile)('bash', ['-c', command], { cwd: work, encoding: 'utf8' })).stdout
  } catch (err) {
    answer = String((err as { stdout?: string }).stdout ?? err)
  }
  await new Promise((resolve) => setTimeout(resolve, 50))
  const found = violations(from, answer)
  // An example a reader copies must work: an error envelope from the emulator fails it too.
  if (/"status":\s*"error"/.test(answer)) found.push(`the emulator refused it: ${answer.slice(0, 400)}`)
  report(found.length === 0, `README: ${line.replace(/\s+/g, ' ').slice(0, 140)}`, found.join('\n'))
}

// 2. The error cases, each answered with a status the description names, on the demo data again.
await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })
const ticket = `${base}/api/v2/ticket/858462`
const json = { 'content-type': 'application/json' }
const cases: Array<[string, () => Promise<Response>, number]> = [
  ['401 without an API key', () => fetch(ticket), 401],
  ['401 with a wrong API key', () => fetch(ticket, { headers: { apiKey: 'nope' } }), 401],
  ['403 without the permission', () => fetch(ticket, { method: 'PUT', headers: { apiKey: 'omnidesk-readonly-key', ...json }, body: '{"title":"x"}' }), 403],
  ['404 for an unknown ticket', () => fetch(`${base}/api/v2/ticket/1`, { headers: { apiKey: KEY } }), 404],
  ['400 for an invalid field', () => fetch(`${base}/api/v2/ticket/setstatus`, { method: 'POST', headers: { apiKey: KEY, ...json }, body: '{"ticketIDs":[858462],"status":"gone"}' }), 400],
  ['400 for an unknown id in the body', () => fetch(`${base}/api/v2/ticket/setstatus`, { method: 'POST', headers: { apiKey: KEY, ...json }, body: '{"ticketIDs":[1],"status":"open"}' }), 400],
  ['413 for a form with too many fields', () => fetch(ticket, {
    method: 'PUT', headers: { apiKey: KEY, 'content-type': 'application/x-www-form-urlencoded' }, body: Array.from({ length: 20_001 }, (_, i) => `f${i}=1`).join('&')
  }), 413],
  ['415 for a text/plain body', () => fetch(ticket, { method: 'PUT', headers: { apiKey: KEY, 'content-type': 'text/plain' }, body: 'title=x' }), 415]
  // (No 501 here: Prism's proxy answers an upstream 501 with a mock of its own.)
]
for (const [what, send, status] of cases) {
  const from = prismLog.length
  const res = await send()
  const answer = await res.text()
  await new Promise((resolve) => setTimeout(resolve, 50))
  const found = violations(from, answer, true)
  report(res.status === status && found.length === 0, `${what}: ${res.status}`, [`expected ${status}`, ...found].join('\n'))
}

// 3. An injected fault (503) and the rate limit (429), set up directly on the emulator.
await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', headers: json, body: '{"path":"/api/v2/ticket/*","status":503,"times":1}' })
await fetch(`${emulator.url}/_emulator/rate-limit`, { method: 'PUT', headers: json, body: '{"limit":"1/60s"}' })
for (const [what, status] of [['503 from an injected fault', 503], ['200 within the rate limit', 200], ['429 over the rate limit', 429]] as const) {
  const from = prismLog.length
  const res = await fetch(ticket, { headers: { apiKey: KEY } })
  const answer = await res.text()
  await new Promise((resolve) => setTimeout(resolve, 50))
  const found = violations(from, answer)
  report(res.status === status && found.length === 0, `${what}: ${res.status}`, [`expected ${status}`, ...found].join('\n'))
}

prism.kill('SIGTERM')
receiver.kill('SIGTERM')
await emulator.close()
fs.rmSync(work, { recursive: true, force: true })
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
