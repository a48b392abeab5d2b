// What one test of an integration's suite pays, as a vitest suite does it: its account reset (made on
// first use), five API calls (create a ticket, read it with its timeline, add a message, set its
// status, list the open tickets) and a reset after it. In-process (buildApp and inject) and over HTTP
// (startEmulator, with fetch and with node:http, the client supertest uses), each against a bare
// Fastify app answering the same five calls with the emulator's own answers from memory (its "reset"
// does nothing). The bare app's Fastify is bundled with the same light-my-request change as the
// emulator's bundles (scripts/light-my-request-fix.mjs), so that both are driven by one inject. Prints
// one JSON line of per-test milliseconds, with how many tests paid page faults (see suite). Usage:
// node bench/per-test.mjs <tests> (run by bench/run.ts in a process of its own).
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { buildApp, loadConfig, optionsToEnv, startEmulator } from '../dist/index.js'
import { lightMyRequestFix } from '../scripts/light-my-request-fix.mjs'

const TESTS = Number(process.argv[2] ?? 500)
const WARM_UP = Math.min(50, TESTS)
const ACCOUNTS = 10
const KEY = 'omnidesk-bench-key'
const FORM = 'application/x-www-form-urlencoded'
const ticketForm = 'to=service%40mybrand.com&from=suite%40example.com&direction=inbound&channelID=1&brandID=2&title=A+test'

/** The five calls of a test, made by `send` (inject or fetch) under `prefix`; returns the last answer. */
async function fiveCalls (send, prefix) {
  const created = await send('POST', `${prefix}/api/v2/ticket`, ticketForm, FORM)
  const id = created.item.id
  await send('GET', `${prefix}/api/v2/ticket/${id}?getTicketHistory=1`)
  await send('POST', `${prefix}/api/v2/message`, JSON.stringify({ ticketID: id, type: 1, message: 'Uw bestelling is onderweg.', userID: 1 }), 'application/json')
  await send('POST', `${prefix}/api/v2/ticket/setstatus`, `ticketIDs%5B%5D=${id}&status=solved`, FORM)
  return await send('GET', `${prefix}/api/v2/ticket?status=open`)
}

/**
 * Runs the tests, each timed from its first reset to its last; the first WARM_UP are not counted. With
 * each counted test's minor page faults (the process's, read outside the timed part): the first touch
 * of a memory page, which V8's young generation pays while it first fills the space it has grown to.
 */
async function suite (send, reset) {
  const times = []
  const faults = []
  for (let i = 0; i < TESTS + WARM_UP; i++) {
    const account = `suite-${i % ACCOUNTS}`
    const faultsBefore = process.resourceUsage().minorPageFault
    const started = performance.now()
    await reset(account)
    await fiveCalls(send, `/_accounts/${account}`)
    await reset(account)
    const ended = performance.now()
    if (i >= WARM_UP) {
      times.push(ended - started)
      faults.push(process.resourceUsage().minorPageFault - faultsBefore)
    }
  }
  return { times, faults }
}

const injector = (app) => async (method, url, payload, type) => {
  const res = await app.inject({ method, url, payload, headers: { apikey: KEY, ...(type ? { 'content-type': type } : {}) } })
  if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}

const fetcher = (base) => async (method, url, body, type) => {
  const res = await fetch(base + url, { method, body, headers: { apikey: KEY, ...(type ? { 'content-type': type } : {}) } })
  if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return await res.json()
}

const agent = new http.Agent({ keepAlive: true })
const nodeHttp = (base) => (method, url, body, type) => new Promise((resolve, reject) => {
  const req = http.request(base + url, { method, agent, headers: { apikey: KEY, ...(type ? { 'content-type': type } : {}) } }, (res) => {
    let text = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => { text += chunk })
    res.on('end', () => res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${method} ${url}: ${res.statusCode} ${text}`)))
  })
  req.on('error', reject)
  req.end(body)
})

const options = { apiKey: KEY, now: '2019-09-28 22:08:14' }

// The emulator in-process, and the five answers it gives, which the bare app then serves.
const app = await buildApp({ config: loadConfig(optionsToEnv(options)) })
const answers = []
await fiveCalls(async (method, url, payload, type) => {
  const body = await injector(app)(method, url, payload, type)
  answers.push({ method, path: url.replace(/^\/_accounts\/[^/]+/, '').split('?')[0], body })
  return body
}, '/_accounts/suite-0')
const emulatorInject = await suite(injector(app), async (name) => { app.accounts.reset(name) })
await app.close()

// The bare app: the same five paths (ids as parameters), the emulator's answers from memory.
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-bench-fastify-'))
const require = createRequire(import.meta.url)
await build({ entryPoints: [require.resolve('fastify')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(bundleDir, 'fastify.cjs'), plugins: [lightMyRequestFix], logLevel: 'warning' })
const Fastify = require(path.join(bundleDir, 'fastify.cjs'))
fs.rmSync(bundleDir, { recursive: true, force: true })
const bare = Fastify({ logger: false })
bare.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => done(null, body))
const routes = new Map(answers.map(({ method, path, body }) => [`${method} ${path.replace(/\/\d+$/, '/:id')}`, body]))
bare.register(async (scoped) => {
  for (const [key, body] of routes) {
    const [method, url] = key.split(' ')
    scoped.route({ method, url, handler: async () => body })
  }
}, { prefix: '/_accounts/:account' })
await bare.ready()
const bareInject = await suite(injector(bare), async () => {})
await bare.listen({ host: '127.0.0.1', port: 0 })
const bareUrl = `http://127.0.0.1:${bare.server.address().port}`
const bareHttp = await suite(fetcher(bareUrl), async () => {})
const bareNodeHttp = await suite(nodeHttp(bareUrl), async () => {})
await bare.close()

const emulator = await startEmulator(options)
const emulatorHttp = await suite(fetcher(emulator.url), async (name) => { emulator.account(name).reset() })
const emulatorNodeHttp = await suite(nodeHttp(emulator.url), async (name) => { emulator.account(name).reset() })
await emulator.close()
agent.destroy()

/** A test that paid this many page faults or more was slowed by them (~80 a test while V8 first fills its young generation). */
const FAULTED = 40

const summary = ({ times, faults }) => {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
  const faulted = faults.filter((n) => n >= FAULTED)
  return {
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    faultedTests: faulted.length,
    faultsPerFaultedTest: faulted.length === 0 ? 0 : faulted.reduce((sum, n) => sum + n, 0) / faulted.length
  }
}
process.stdout.write(JSON.stringify({
  tests: TESTS,
  emulatorInject: summary(emulatorInject),
  bareInject: summary(bareInject),
  emulatorHttp: summary(emulatorHttp),
  bareHttp: summary(bareHttp),
  emulatorNodeHttp: summary(emulatorNodeHttp),
  bareNodeHttp: summary(bareNodeHttp)
}) + '\n')
