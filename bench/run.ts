// npm run bench: the emulator against two bare Fastify ceilings (one serializing with the emulator's
// response schema, one plain) and two peers (json-server, Prism), all measured in this run on this
// machine, speeds reported as ratios; then what a test suite pays (per test, startEmulator), a million
// tickets and a thousand accounts. --quick: a few seconds a part, for CI.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type autocannon from 'autocannon'
import { Clock } from '../src/clock.js'
import { openDatabase } from '../src/db/client.js'
import { readDemoSeed } from '../src/account/seed.js'
import { TicketResponseSchema } from '../src/schemas/tickets.js'
import { ensureConfiguredKey } from '../src/stores/api-keys.js'
import { createMessage } from '../src/stores/messages.js'
import { loadSnapshot } from '../src/stores/snapshot.js'
import { createTicket, setTicketPriorities, setTicketStatuses } from '../src/stores/tickets.js'
import { measureAccounts, measureScale } from './scale.js'
import {
  BENCH, bin, form, FORM_HEADERS, KEY, type Kind, load, loadOk, log, NOW, pageFaultMicros, QUICK, ROUNDS, runNode, start, stop
} from './lib.js'
import { writeReport } from './report.js'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-bench-'))
// Measured first, with nothing else running: the machine's cost of a page's first touch.
const pageFaultUs = pageFaultMicros()

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

// 2. The same ticket JSON for the ceilings and the peers, as the emulator answers it.
const emulator = await start('emulator', work)
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

// 3. Throughput, 10 connections, interleaved rounds: GET with a 20-item timeline on every server, then
// the emulator's writes: POST ticket, a chat message, a telephone call, a customer.
const peers = fs.existsSync(bin('prism')) && fs.existsSync(bin('json-server'))
const ceiling = await start('ceiling', work)
const plain = await start('plain', work)
const others = peers ? [await start('json-server', work), await start('prism', work)] : []
const getUrl: Record<string, string> = {
  emulator: ticketUrl(emulator.port),
  ceiling: ticketUrl(ceiling.port),
  plain: ticketUrl(plain.port),
  'json-server': `http://127.0.0.1:${others[0]?.port}/ticket/1`,
  prism: `http://127.0.0.1:${others[1]?.port}/api/v2/ticket/${ticketId}?getTicketHistory=1`
}
const servers = [plain, ceiling, emulator, ...others]
const api = (route: string) => `http://127.0.0.1:${emulator.port}/api/v2/${route}`
/** What the requests of one round of a list share (autocannon empties it after the list): its number. */
type Ctx = Record<string, number>
/**
 * A form POST that each request makes anew from its own number (0, 1, 2, ... across connections),
 * kept in the context for the requests after it in the list.
 */
function numberedPost (fields: (n: number) => Record<string, string>, path?: string): autocannon.Request {
  const counter = { next: 0 }
  return {
    method: 'POST',
    headers: FORM_HEADERS,
    ...(path === undefined ? {} : { path }),
    setupRequest: (request: autocannon.Request, context: Ctx) => {
      context.n = counter.next++
      return { ...request, body: form(fields(context.n)) }
    }
  } as autocannon.Request
}
const writes: Record<string, autocannon.Options> = {
  'POST ticket (form)': {
    url: api('ticket'),
    method: 'POST',
    headers: FORM_HEADERS,
    body: form({ to: 'service@mybrand.com', from: 'load@example.com', direction: 'inbound', channelID: '1', brandID: '2', title: 'Load test' })
  },
  // Chats under way: a hundred sessions, their messages numbered one after another (the first of each
  // opens its ticket, the others go to it).
  'chat message': {
    url: api('chat/notifyUserNewChatMessage'),
    requests: [numberedPost((n) => ({
      chatAccountToken: 'demochattoken0001',
      chatSessionID: `bench-${n % 100}`,
      channelID: '8',
      messageNumber: String(Math.floor(n / 100) + 1),
      url: 'https://www.mybrand.com/support',
      message: `Bericht ${n} over mijn bestelling`,
      chatServer: 'http://127.0.0.1:4000/chatbot'
    }))]
  },
  // A call as a PBX reports it: the call comes in, then waits in a queue (a ticket); both requests count.
  'telephony call (newInboundCall + callCreateTicket)': {
    url: api('telephone/newInboundCall'),
    requests: [numberedPost((n) => ({
      callID: `call-${process.pid}-${n}`, pbxID: 'pbx-1', pbxIP: '10.0.0.5', telephoneNumberCalling: `+316${String(n).padStart(8, '0')}`, telephoneNumberCalled: '+31201234567'
    }), '/api/v2/telephone/newInboundCall'), {
      method: 'POST',
      path: '/api/v2/telephone/callCreateTicket',
      headers: FORM_HEADERS,
      setupRequest: (request: autocannon.Request, context: Ctx) => ({ ...request, body: form({ callID: `call-${process.pid}-${context.n}`, pbxID: 'pbx-1', pbxIP: '10.0.0.5', 'variables[choice]': '2' }) })
    }] as autocannon.Request[]
  },
  // A CRM syncing its new customers: each with its own id and address.
  'customer create': {
    url: api('customer'),
    requests: [numberedPost((n) => ({
      brand_id: '2', primary_id: `CRM-${process.pid}-${n}`, firstname: 'Kim', lastname: 'de Jong', channel_id: 'email', customer_link_channel: `kim.${process.pid}.${n}@example.com`
    }))]
  }
}
const rps: Record<string, number[]> = {}
// One second of each load first, so that no round measures V8's warm-up (the first second of POSTs
// ran at a third of the later ones' rate).
if (!QUICK) for (const warmUp of [...servers.map((s) => ({ url: getUrl[s.name] ?? '', headers: { apiKey: KEY } })), ...Object.values(writes)]) await load({ ...warmUp, duration: 1 })
for (let round = 0; round < ROUNDS; round++) {
  for (const s of servers) {
    const result = await loadOk(`GET ${s.name}`, { url: getUrl[s.name] ?? '', headers: { apiKey: KEY } })
    ;(rps[s.name] ??= []).push(result.requests.average)
    log(`  GET ${s.name}: ${Math.round(result.requests.average)} req/s`)
  }
  for (const [name, opts] of Object.entries(writes)) {
    const result = await loadOk(name, opts)
    ;(rps[name] ??= []).push(result.requests.average)
    log(`  ${name}: ${Math.round(result.requests.average)} req/s`)
  }
}
for (const s of [...others, plain]) await stop(s)

// 4. setstatus on 1,000 tickets in one request, with its 1,000 events.
const setstatusMs: number[] = []
const body1000 = (status: string) => bulk.map((id) => `ticketIDs[]=${id}`).join('&') + `&status=${status}`
for (let i = 0; i < (QUICK ? 3 : 21); i++) {
  const started = performance.now()
  const res = await fetch(api('ticket/setstatus'), { method: 'POST', headers: FORM_HEADERS, body: body1000(i % 2 ? 'open' : 'pending') })
  if (!res.ok) throw new Error(`setstatus: ${res.status} ${await res.text()}`)
  setstatusMs.push(performance.now() - started)
}
await stop(emulator)
await stop(ceiling)

// 5. Cold start: spawn to the first 200 on health; the emulator seeds a new file database each time.
const cold: Record<string, number[]> = {}
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of ['ceiling', 'emulator', ...(peers ? ['json-server', 'prism'] : [])] as Kind[]) {
    const server = await start(kind, work, path.join(work, `cold-${round}.db`))
    ;(cold[kind] ??= []).push(server.coldMs)
    await stop(server)
  }
}

// 6. What a test suite pays: startEmulator() to the first answer, each in a fresh process, against a
// bare Fastify app; then reset + five calls + reset per test, in-process and over HTTP.
const startup: Record<string, Array<{ importMs: number, startMs: number }>> = {}
for (let round = 0; round < (QUICK ? 1 : 7); round++) {
  for (const kind of ['bare', 'emulator']) {
    (startup[kind] ??= []).push(JSON.parse(await runNode([path.join(BENCH, 'start.mjs'), kind, path.join(work, 'ticket.json')])))
  }
}
const perTest = JSON.parse(await runNode([path.join(BENCH, 'per-test.mjs'), String(QUICK ? 50 : 1000)]))

// 7. Scale: the demo plus a million generated tickets (quick: 2,000), and a thousand accounts (quick: 50).
const scale = await measureScale(work, QUICK ? 2000 : 1_000_000)
const accounts = await measureAccounts(work, QUICK ? 50 : 1000)
fs.rmSync(work, { recursive: true, force: true })

writeReport({ rps, setstatusMs, cold, startup, perTest, scale, accounts, peers, pageFaultUs })
