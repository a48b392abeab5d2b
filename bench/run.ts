// npm run bench: the emulator against a bare Fastify ceiling and two peers (json-server, Prism), all
// measured in this run on this machine, speeds reported as ratios. --quick: a few seconds, for CI.
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { Clock } from '../src/clock.js'
import { openDatabase } from '../src/db/client.js'
import { readDemoSeed } from '../src/account/seed.js'
import { TicketResponseSchema } from '../src/schemas/tickets.js'
import { ensureConfiguredKey } from '../src/stores/api-keys.js'
import { createMessage } from '../src/stores/messages.js'
import { loadSnapshot } from '../src/stores/snapshot.js'
import { createTicket, setTicketPriorities, setTicketStatuses } from '../src/stores/tickets.js'

const ROOT = path.join(import.meta.dirname, '..')
const BENCH = import.meta.dirname
const QUICK = process.argv.includes('--quick')
const DURATION = QUICK ? 1 : 5
const ROUNDS = QUICK ? 1 : 3
const BIG = QUICK ? 2000 : 100_000
const KEY = 'omnidesk-demo-key'
const NOW = '2019-09-28 22:08:14'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-bench-'))
const bin = (name: string) => path.join(BENCH, 'node_modules', '.bin', name)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const log = (text: string) => process.stderr.write(`${text}\n`)
let nextPort = 19100 + Math.floor(Math.random() * 500)

interface Server { name: string, port: number, child: ChildProcess }

async function waitFor (url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`)
    try {
      const res = await fetch(url, { headers: { apiKey: KEY } })
      if (res.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

type Kind = 'emulator' | 'ceiling' | 'json-server' | 'prism'

function command (kind: Kind, port: number, db: string): [string, string[], Record<string, string>] {
  switch (kind) {
    case 'emulator':
      return [process.execPath, [path.join(ROOT, 'dist/server.js')], { PORT: String(port), DATABASE_PATH: db, NOW, LOG_LEVEL: 'warn', API_KEY: KEY }]
    case 'ceiling':
      return [process.execPath, [path.join(BENCH, 'ceiling.mjs'), work, String(port)], {}]
    case 'json-server':
      return [bin('json-server'), ['--port', String(port), '--host', '127.0.0.1', '--quiet', path.join(work, 'db.json')], {}]
    case 'prism':
      return [bin('prism'), ['mock', '--host', '127.0.0.1', '--port', String(port), '--errors', 'false', path.join(work, 'openapi.json')], {}]
  }
}

const READY: Record<Kind, string> = {
  emulator: '/_emulator/health',
  ceiling: '/_emulator/health',
  'json-server': '/ticket/1',
  prism: '/api/v2/ticket/858495'
}

/** Spawns a server and measures the time from spawn to its first 200. */
async function start (kind: Kind, db = path.join(work, 'emulator.db')): Promise<Server & { coldMs: number }> {
  const port = nextPort++
  const [cmd, args, env] = command(kind, port, db)
  const started = performance.now()
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (chunk) => { err += chunk })
  try {
    await waitFor(`http://127.0.0.1:${port}${READY[kind]}`, child)
  } catch (e) {
    child.kill('SIGKILL')
    throw new Error(`${kind}: ${(e as Error).message}\n${err.slice(-2000)}`)
  }
  return { name: kind, port, child, coldMs: performance.now() - started }
}

async function stop (server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
  if (server.child.exitCode === null) server.child.kill('SIGKILL')
}

async function load (opts: autocannon.Options): Promise<autocannon.Result> {
  return await new Promise((resolve, reject) => {
    autocannon({ connections: 10, duration: DURATION, ...opts }, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

function rssMb (pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024
}

// 1. The data: the demo account plus a ticket with a 20-item timeline, and 1,000 tickets for setstatus.
log(`bench: ${QUICK ? 'quick' : 'full'} run in ${work}`)
const fixtureDb = path.join(work, 'emulator.db')
const db = openDatabase(fixtureDb)
loadSnapshot(db, readDemoSeed())
ensureConfiguredKey(db, KEY)
const ctx = { db, clock: new Clock('UTC', NOW) }
const by = 'api: bench'
const ticketId = createTicket(ctx, { to: 'service@mybrand.com', from: 'bench@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Twenty items' }, by)
const statuses = ['open', 'pending', 'open', 'holding', 'open'] as const
for (let i = 0; ctx.db.sqlite.prepare('SELECT (SELECT count(*) FROM ticket_events WHERE ticket_id = ?) + (SELECT count(*) FROM ticket_messages WHERE ticket_id = ?) AS n').pluck().get(ticketId, ticketId) as number < 20; i++) {
  ctx.clock.advance(60)
  if (i % 3 === 0) createMessage(ctx, { ticketID: ticketId, type: 1, message: `<p>Bericht nummer ${i} over de bestelling.</p>`, userID: 1 }, by)
  else if (i % 3 === 1) createMessage(ctx, { ticketID: ticketId, type: 0, message: `Interne notitie nummer ${i}.`, userID: 2 }, by)
  else setTicketStatuses(ctx, [ticketId], statuses[i % statuses.length] ?? 'open', by)
}
const bulk = ctx.db.transaction(() => Array.from({ length: 1000 }, (_, i) => createTicket(ctx, {
  to: 'service@mybrand.com', from: `bulk${i}@example.com`, direction: 'inbound', channelID: 1, brandID: 2, title: `Bulk ${i}`
}, by)))
setTicketPriorities(ctx, [ticketId], 'medium', by)
db.close()
fs.writeFileSync(path.join(work, 'schema.json'), JSON.stringify(TicketResponseSchema))

// 2. The same ticket JSON for the ceiling and the peers, as the emulator answers it.
const emulator = await start('emulator')
const ticketUrl = (port: number) => `http://127.0.0.1:${port}/api/v2/ticket/${ticketId}?getTicketHistory=1`
const ticketBody = await (await fetch(ticketUrl(emulator.port), { headers: { apiKey: KEY } })).json() as { item: { timeline: unknown[] } }
if (ticketBody.item.timeline.length !== 20) throw new Error(`the bench ticket has ${ticketBody.item.timeline.length} timeline items, not 20`)
fs.writeFileSync(path.join(work, 'ticket.json'), JSON.stringify(ticketBody))
fs.writeFileSync(path.join(work, 'db.json'), JSON.stringify({ ticket: [{ ...ticketBody.item, id: 1 }] }))
const openapi = await (await fetch(`http://127.0.0.1:${emulator.port}/_emulator/openapi.json`)).json() as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>>
}
// Prism answers the documented example of the emulator's own description of the endpoint.
const getTicket = openapi.paths['/api/v2/ticket/{ticketID}']?.get
const okContent = getTicket?.responses['200']?.content?.['application/json']
if (okContent) okContent.example = ticketBody
fs.writeFileSync(path.join(work, 'openapi.json'), JSON.stringify(openapi))

// 3. Throughput: GET with a 20-item timeline, each server three times, interleaved.
const peers = fs.existsSync(bin('prism')) && fs.existsSync(bin('json-server'))
const ceiling = await start('ceiling')
const others = peers ? [await start('json-server'), await start('prism')] : []
const getUrl: Record<string, string> = {
  emulator: ticketUrl(emulator.port),
  ceiling: ticketUrl(ceiling.port),
  'json-server': `http://127.0.0.1:${others[0]?.port}/ticket/1`,
  prism: `http://127.0.0.1:${others[1]?.port}/api/v2/ticket/${ticketId}?getTicketHistory=1`
}
const servers = [ceiling, emulator, ...others]
const rps: Record<string, number[]> = {}
const postRps: number[] = []
const form = new URLSearchParams({ to: 'service@mybrand.com', from: 'load@example.com', direction: 'inbound', channelID: '1', brandID: '2', title: 'Load test' }).toString()
const post: autocannon.Options = {
  url: `http://127.0.0.1:${emulator.port}/api/v2/ticket`,
  method: 'POST',
  body: form,
  headers: { apiKey: KEY, 'content-type': 'application/x-www-form-urlencoded' }
}
// One second of each load first, so that no round measures V8's warm-up (the first second of POSTs
// ran at a third of the later ones' rate).
if (!QUICK) for (const warmUp of [...servers.map((s) => ({ url: getUrl[s.name] ?? '', headers: { apiKey: KEY } })), post]) await load({ ...warmUp, duration: 1 })
for (let round = 0; round < ROUNDS; round++) {
  for (const s of servers) {
    const result = await load({ url: getUrl[s.name] ?? '', headers: { apiKey: KEY } })
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${s.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
    ;(rps[s.name] ??= []).push(result.requests.average)
    log(`  GET ${s.name}: ${Math.round(result.requests.average)} req/s`)
  }
  const posted = await load(post)
  if (posted.non2xx > 0) throw new Error(`POST ticket: ${posted.non2xx} non-2xx answers`)
  postRps.push(posted.requests.average)
  log(`  POST emulator: ${Math.round(posted.requests.average)} req/s`)
}
for (const s of others) await stop(s)

// 4. setstatus on 1,000 tickets in one request, with its 1,000 events.
const setstatusMs: number[] = []
const body1000 = (status: string) => bulk.map((id) => `ticketIDs[]=${id}`).join('&') + `&status=${status}`
for (let i = 0; i < (QUICK ? 3 : 21); i++) {
  const started = performance.now()
  const res = await fetch(`http://127.0.0.1:${emulator.port}/api/v2/ticket/setstatus`, {
    method: 'POST', headers: { apiKey: KEY, 'content-type': 'application/x-www-form-urlencoded' }, body: body1000(i % 2 ? 'open' : 'pending')
  })
  if (!res.ok) throw new Error(`setstatus: ${res.status} ${await res.text()}`)
  setstatusMs.push(performance.now() - started)
}
await stop(emulator)
await stop(ceiling)

// 5. Cold start: spawn to the first 200 on health; the emulator seeds a new file database each time.
const cold: Record<string, number[]> = {}
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of ['ceiling', 'emulator', ...(peers ? ['json-server', 'prism'] : [])] as Kind[]) {
    const server = await start(kind, path.join(work, `cold-${round}.db`))
    ;(cold[kind] ??= []).push(server.coldMs)
    await stop(server)
  }
}

// 6. Scale: the demo plus 100,000 generated tickets (quick: 2,000).
const bigDb = path.join(work, 'big.db')
await new Promise<void>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/generate-tickets.ts'), bigDb, String(BIG)], { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT })
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generate-tickets exited with ${code}`))))
})
const bigCold: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const s = await start('emulator', bigDb)
  bigCold.push(s.coldMs)
  await stop(s)
}
const big = await start('emulator', bigDb)
const ids = Array.from({ length: 50 }, (_, i) => 858_495 + 1 + Math.floor((i * BIG) / 50))
const bigGet = await load({
  url: `http://127.0.0.1:${big.port}`,
  headers: { apiKey: KEY },
  requests: ids.map((id) => ({ method: 'GET' as const, path: `/api/v2/ticket/${id}` }))
})
const bigList = await load({ url: `http://127.0.0.1:${big.port}/api/v2/ticket?status=pending&itemStart=100`, headers: { apiKey: KEY } })
if (bigGet.non2xx > 0 || bigList.non2xx > 0) throw new Error(`scale run: ${bigGet.non2xx + bigList.non2xx} non-2xx answers`)
const bigRss = rssMb(big.child.pid)
await stop(big)
fs.rmSync(work, { recursive: true, force: true })

// 7. The report.
const m = (name: string) => median(rps[name] ?? [])
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a')
const pass = (ok: boolean) => (ok ? 'met' : '**missed**')
const coldRatio = median(cold.emulator ?? []) / median(cold.ceiling ?? [])
const rows: string[][] = [
  ['GET ticket, 20-item timeline, 10 connections', `${Math.round(m('emulator'))} req/s`,
    `${ratio(m('emulator'), m('ceiling'))} ceiling; ${ratio(m('emulator'), m('prism'))} Prism; ${ratio(m('emulator'), m('json-server'))} json-server`,
    '≥ 0.75× ceiling; ≥ 2× Prism; ≥ 5× json-server',
    pass(m('emulator') >= 0.75 * m('ceiling') && (!peers || (m('emulator') >= 2 * m('prism') && m('emulator') >= 5 * m('json-server'))))],
  ['POST ticket (form-encoded)', `${Math.round(median(postRps))} req/s`, `${ratio(median(postRps), m('ceiling'))} ceiling GET`, '≥ 0.40× ceiling GET',
    pass(median(postRps) >= 0.4 * m('ceiling'))],
  ['setstatus on 1,000 tickets, one request', `${median(setstatusMs).toFixed(1)} ms median`, '', '< 50 ms', pass(median(setstatusMs) < 50)],
  ['cold start, seeded demo, new file DB', `${Math.round(median(cold.emulator ?? []))} ms`,
    `${coldRatio.toFixed(2)}× ceiling (${Math.round(median(cold.ceiling ?? []))} ms); Prism ${Math.round(median(cold.prism ?? []))} ms; json-server ${Math.round(median(cold['json-server'] ?? []))} ms`,
    '≤ 1.3× ceiling', pass(coldRatio <= 1.3)],
  [`${BIG.toLocaleString('en')} tickets: GET one ticket`, `p99 ${bigGet.latency.p99} ms`, `${Math.round(bigGet.requests.average)} req/s`, 'p99 < 5 ms', pass(bigGet.latency.p99 < 5)],
  [`${BIG.toLocaleString('en')} tickets: list, status filter`, `p99 ${bigList.latency.p99} ms`, `${Math.round(bigList.requests.average)} req/s`, 'p99 < 20 ms', pass(bigList.latency.p99 < 20)],
  [`${BIG.toLocaleString('en')} tickets: memory`, `RSS ${bigRss.toFixed(0)} MB`, '', '< 150 MB', pass(bigRss < 150)],
  [`${BIG.toLocaleString('en')} tickets: cold start`, `${Math.round(median(bigCold))} ms`, `${ratio(median(bigCold), median(cold.emulator ?? []))} the demo's`, 'unchanged', pass(median(bigCold) <= 1.3 * median(cold.emulator ?? []))]
]
const table = [
  '| scenario | figure | ratio | target | result |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`)
].join('\n')
const raw = [
  `GET req/s per round: ${Object.entries(rps).map(([k, v]) => `${k} ${v.map(Math.round).join(', ')}`).join('; ')}`,
  `POST req/s per round: ${postRps.map(Math.round).join(', ')}`,
  `setstatus ms: ${setstatusMs.map((x) => x.toFixed(1)).join(', ')}`,
  `cold start ms: ${Object.entries(cold).map(([k, v]) => `${k} ${v.map(Math.round).join(', ')}`).join('; ')}; ${BIG} tickets ${bigCold.map(Math.round).join(', ')}`
].map((line) => `- ${line}`).join('\n')
const report = `## Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${QUICK ? ' (quick)' : ''}

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.
${ROUNDS} round(s) of ${DURATION} s per server, interleaved; medians. ${peers ? '' : 'Peers not installed: ratios against them are n/a.'}

${table}

Raw figures:
${raw}
`
process.stdout.write(`\n${report}`)
const resultsFile = QUICK ? path.join(BENCH, 'results', 'quick.md') : path.join(BENCH, 'RESULTS.md')
fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
const MARK = '<!-- runs: the newest first; written by npm run bench -->'
const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : `# Benchmark results\n\n${MARK}\n`
const [head, ...rest] = previous.split(MARK)
fs.writeFileSync(resultsFile, `${head ?? ''}${MARK}\n\n${report}${rest.join(MARK).replace(/^\n+/, '\n')}`)
log(`written to ${path.relative(ROOT, resultsFile)}`)
