// Property-based fuzzing of the whole API: random sequences of valid and hostile requests in every
// encoding. Properties: never a 5xx; every rejection is the envelope and leaves the database as it
// was; every acceptance agrees with a small model of ticket statuses and status events.
// A fixed seed in CI; longer runs: npm run fuzz -- --runs 2000 (sets FUZZ_RUNS).
import fc from 'fast-check'
import qs from 'qs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QS_OPTIONS } from '../../src/plugins/body-parsers.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'
import { TICKET_STATUSES } from '../../src/domain/vocabulary.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const SEED = Number(process.env.FUZZ_SEED ?? 20261125)
const KNOWN = [858462, 858463, 858470, 858480, 858494]

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -1, 2 ** 53, 1e308, Number.MAX_SAFE_INTEGER + 2, 1.5, '', ' ', null, true, [], {}, '99999999999999999999'),
  fc.constantFrom("'; DROP TABLE tickets; --", "' OR '1'='1", '\u0000\u0007\u001b', '\u202e\u{1F600}', '__proto__', 'constructor[prototype]')
)
const ticketId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: junk })
const status = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TICKET_STATUSES) }, { weight: 1, arbitrary: junk })
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 })
const HUGE_LIST = Array.from({ length: 10_000 }, (_, i) => i + 1)

type Req = { method: 'get' | 'post' | 'put' | 'delete', path: string, fields?: Record<string, unknown>, encoding: 'json' | 'form' | 'multipart' | 'raw', raw?: string, contentType?: string }

const encoding = fc.constantFrom('json', 'form', 'multipart') as fc.Arbitrary<'json' | 'form' | 'multipart'>
const primaryId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('CRM-1', 'CRM-2', '20164564646592600', 'WS-10021') }, { weight: 1, arbitrary: junk })
const brandId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(2, 3, 4) }, { weight: 1, arbitrary: junk })
const address = fc.oneof(fc.emailAddress(), fc.constantFrom('+31612345678', '0612345678', '@handle', 'Sync@Example.com'), junk)
const customerRequest: fc.Arbitrary<Req> = fc.oneof(
  fc.record({
    fields: fc.record({
      brand_id: brandId,
      primary_id: maybe(primaryId),
      firstname: maybe(fc.oneof(fc.string({ maxLength: 12 }), junk)),
      channel_id: fc.oneof(fc.constantFrom('email', 'telephone', 'facebook', 'twitter'), junk),
      customer_link_channel: address,
      ticket_id: maybe(ticketId),
      noSync: maybe(fc.constantFrom('1', '0', true, 'yes')),
      loyalty_level: maybe(fc.string({ maxLength: 8 })),
      frame_size: maybe(fc.string({ maxLength: 8 }))
    }, { requiredKeys: [] }),
    encoding
  }).map(({ fields, encoding }) => ({ method: 'post' as const, path: '/api/v2/customer', fields, encoding })),
  fc.record({ fields: fc.record({ externalPrimaryID: primaryId, brandID: brandId, lastname: maybe(fc.oneof(fc.string({ maxLength: 12 }), junk)), loyalty_level: maybe(fc.string({ maxLength: 8 })) }, { requiredKeys: [] }), encoding })
    .map(({ fields, encoding }) => ({ method: 'put' as const, path: '/api/v2/customer/updateCustomer', fields, encoding })),
  fc.record({ fields: fc.record({ brand_id: brandId, primary_id: primaryId, extra_email: maybe(address), extra_telephone: maybe(address), noSync: maybe(fc.constantFrom('1', '0')) }, { requiredKeys: [] }), encoding })
    .map(({ fields, encoding }) => ({ method: 'post' as const, path: '/api/v2/customer/addchannelonly', fields, encoding })),
  fc.record({ brand: brandId, primary: primaryId })
    .map(({ brand, primary }) => ({ method: 'delete' as const, path: `/api/v2/customer/purgedata?${qs.stringify({ brand_id: brand, primary_id: primary })}`, encoding: 'json' as const })),
  fc.record({ query: maybe(fc.oneof(fc.constantFrom('Mulder', 'van', 'CRM'), junk)), limit: maybe(fc.oneof(fc.integer({ min: 0, max: 120 }), junk)), id: fc.oneof(fc.constantFrom(626822, 626830, 1), junk) })
    .chain(({ query, limit, id }) => fc.constantFrom<Req>(
      { method: 'get', path: `/api/v2/customer?${qs.stringify({ query, itemLimit: limit })}`, encoding: 'json' },
      { method: 'get', path: `/api/v2/customer/${String(id)}`, encoding: 'json' }
    ))
)
const chatToken = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('demochattoken0001', 'demochattoken0002') }, { weight: 1, arbitrary: junk })
const chatSession = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('fz-1', 'fz-2', 'demo-chat-0001') }, { weight: 1, arbitrary: junk })
const callId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('fz-call-1', 'fz-call-2', 'demo-call-0001') }, { weight: 1, arbitrary: junk })
const phone = fc.oneof(fc.constantFrom('+31612345678', '+31851234567', '+31201234567'), junk)
const post = (path: string) => ({ fields, encoding }: { fields: Record<string, unknown>, encoding: Req['encoding'] }): Req => ({ method: 'post', path, fields, encoding })
/** The channels in: a chatbot, a PBX and a mail server, with valid and hostile fields. */
const channelRequest: fc.Arbitrary<Req> = fc.oneof(
  fc.record({
    fields: fc.record({
      chatAccountToken: chatToken,
      chatSessionID: chatSession,
      channelID: fc.oneof(fc.constant(8), junk),
      url: fc.oneof(fc.constant('https://shop.example'), junk),
      message: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), junk),
      chatServer: fc.oneof(fc.constantFrom('http://127.0.0.1:9', 'bot.example.com', 'localhost:9'), junk),
      messageNumber: maybe(fc.oneof(fc.integer({ min: 1, max: 5 }), junk))
    }, { requiredKeys: [] }),
    encoding
  }).map(post('/api/v2/chat/notifyUserNewChatMessage')),
  fc.record({ fields: fc.record({ chatAccountToken: chatToken, chatSessionID: chatSession, event: maybe(fc.oneof(fc.constant('typing'), junk)) }, { requiredKeys: [] }), encoding })
    .chain(({ fields, encoding }) => fc.constantFrom('notifyUserNewChatEvent', 'notifyUserEndChat').map((call) => post(`/api/v2/chat/${call}`)({ fields, encoding }))),
  fc.record({ fields: fc.record({ chatAccountToken: chatToken, chatSessionID: chatSession, 'attachments[0][name]': fc.oneof(fc.constant('a.pdf'), junk) }, { requiredKeys: [] }), encoding })
    .map(post('/api/v2/chat/addAttachment')),
  fc.record({
    fields: fc.record({
      callID: callId,
      pbxID: fc.oneof(fc.constant('pbx-1'), junk),
      pbxIP: fc.oneof(fc.constant('10.0.0.5'), junk),
      telephoneNumberCalling: phone,
      telephoneNumberCalled: phone,
      'tags[]': maybe(fc.oneof(fc.constant('fz'), junk)),
      status: maybe(fc.oneof(fc.constantFrom('answered', 'ended'), junk)),
      userID: maybe(fc.oneof(fc.constantFrom(1, 3), junk))
    }, { requiredKeys: [] }),
    encoding
  }).chain(({ fields, encoding }) => fc.constantFrom('newInboundCall', 'callCreateTicket', 'callUpdateTicket', 'updateCall').map((call) => post(`/api/v2/telephone/${call}`)({ fields, encoding }))),
  fc.record({
    fields: fc.record({
      messageID: fc.oneof(fc.constantFrom('<fz-1@x.nl>', '<fz-2@x.nl>'), junk),
      externalID: maybe(fc.oneof(fc.constantFrom('<fz-1@x.nl>', 'thread'), junk)),
      'fromAddress[address]': address,
      'toAddress[address]': maybe(fc.oneof(fc.constantFrom('info@despaak.nl', 'service@mybrand.com'), junk)),
      brandID: maybe(brandId),
      subject: fc.oneof(fc.string({ maxLength: 12 }), junk),
      body: fc.oneof(fc.string({ maxLength: 12 }), junk)
    }, { requiredKeys: [] }),
    encoding
  }).map(post('/api/v2/email/newInboundMessage'))
)
const request: fc.Arbitrary<Req> = fc.oneof(
  customerRequest,
  customerRequest,
  channelRequest,
  channelRequest,
  fc.record({ id: ticketId, history: fc.constantFrom('1', '0', 'true', 'x') }).map(({ id, history }) => ({ method: 'get' as const, path: `/api/v2/ticket/${String(id)}?getTicketHistory=${history}`, encoding: 'json' as const })),
  fc.record({ fields: fc.record({ ticketIDs: fc.oneof(fc.array(ticketId, { maxLength: 4 }), fc.constant(HUGE_LIST), junk), status: maybe(status) }, { requiredKeys: [] }), encoding })
    .map(({ fields, encoding }) => ({ method: 'post' as const, path: '/api/v2/ticket/setstatus', fields, encoding })),
  fc.record({ id: ticketId, fields: fc.record({ status: maybe(status), title: maybe(fc.oneof(fc.string({ maxLength: 20 }), junk)), externalPrimaryID: maybe(fc.oneof(fc.constant('20164564646592600'), junk)) }, { requiredKeys: [] }), encoding })
    .map(({ id, fields, encoding }) => ({ method: 'put' as const, path: `/api/v2/ticket/${String(id)}`, fields, encoding })),
  fc.record({
    fields: fc.record({
      to: fc.oneof(fc.constant('service@mybrand.com'), junk),
      from: fc.oneof(fc.emailAddress(), junk),
      direction: fc.oneof(fc.constantFrom('inbound', 'outbound'), junk),
      channelID: fc.oneof(fc.constantFrom(1, 2, 3), junk),
      brandID: fc.oneof(fc.constantFrom(2, 3, 4), junk),
      title: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), junk),
      assignedGroupID: maybe(fc.oneof(fc.constantFrom(10002, 10003, 10004), junk))
    }, { requiredKeys: [] }),
    encoding
  }).map(({ fields, encoding }) => ({ method: 'post' as const, path: '/api/v2/ticket', fields, encoding })),
  fc.record({
    fields: fc.record({ ticketID: ticketId, type: fc.oneof(fc.constantFrom(0, 1, 2, 'calllog'), junk), message: fc.oneof(fc.string({ minLength: 5, maxLength: 30 }), junk), submitStatus: maybe(status), direction: maybe(fc.constantFrom('inbound', 'outbound')) }, { requiredKeys: [] }),
    encoding
  }).map(({ fields, encoding }) => ({ method: 'post' as const, path: '/api/v2/message', fields, encoding })),
  fc.record({ priority: fc.oneof(fc.constantFrom('low', 'high'), junk), ids: fc.array(ticketId, { maxLength: 3 }) })
    .map(({ priority, ids }) => ({ method: 'post' as const, path: '/api/v2/ticket/setpriority', fields: { ticketIDs: ids, priority }, encoding: 'json' as const })),
  fc.record({ start: fc.oneof(fc.nat(50), junk), limit: fc.oneof(fc.integer({ min: 0, max: 10_001 }), junk), status: maybe(status) })
    .map(({ start, limit, status }) => ({ method: 'get' as const, path: `/api/v2/ticket?${qs.stringify({ itemStart: start, itemLimit: limit, status })}`, encoding: 'json' as const })),
  // Malformed escapes in every kind of path segment: the account prefix, the API, the inbox, the control API.
  fc.record({
    where: fc.constantFrom('/_accounts/@/api/v2/ticket/858462', '/api/v2/ticket/@', '/api/v2/@', '/@', '/tickets/@', '/_emulator/@', '/_accounts/@/_emulator/reset', '/api/v2/ticket/858462?@=1'),
    escape: fc.constantFrom('%', '%zz', '%E0%A4%A', '%%', '%u0041', '%C0%80', '%00', '%2', '%FF%FE')
  }).map(({ where, escape }) => ({ method: 'get' as const, path: where.replace('@', escape), encoding: 'json' as const })),
  fc.constantFrom<Req>(
    { method: 'post', path: '/api/v2/ticket/setstatus', encoding: 'raw', raw: '{"ticketIDs": [858462', contentType: 'application/json' },
    { method: 'post', path: '/api/v2/ticket', encoding: 'raw', raw: '<ticket/>', contentType: 'application/xml' },
    { method: 'post', path: '/api/v2/ticket/setstatus', encoding: 'raw', raw: 'ticketIDs[]=858462&ticketIDs[]=858462&status=open&status=closed', contentType: 'application/x-www-form-urlencoded' },
    { method: 'post', path: '/api/v2/ticket/setstatus', encoding: 'raw', raw: '__proto__[status]=open&constructor[prototype][x]=1&ticketIDs[0]=858462&status=open', contentType: 'application/x-www-form-urlencoded' },
    { method: 'post', path: '/api/v2/ticket', encoding: 'raw', raw: '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\nbroken', contentType: 'multipart/form-data; boundary=B' },
    { method: 'post', path: '/api/v2/ticket/setstatus', encoding: 'raw', raw: '{"ticketIDs":[858462],"status":"open","__proto__":{"x":1}}', contentType: 'application/json' },
    { method: 'post', path: '/api/v2/ticket/setstatus', encoding: 'raw', raw: `{"ticketIDs":${'['.repeat(5000)}${']'.repeat(5000)},"status":"open"}`, contentType: 'application/json' }
  )
)

function send (t: TestApp, req: Req) {
  const r = t.request[req.method](req.path).set('apiKey', t.apiKey)
  if (req.encoding === 'raw') return r.set('content-type', req.contentType ?? 'text/plain').send(req.raw ?? '')
  if (req.method === 'get' || req.method === 'delete' || !req.fields) return r
  const fields = Object.fromEntries(Object.entries(req.fields).filter(([, v]) => v !== undefined))
  if (req.encoding === 'json') return r.send(fields)
  if (req.encoding === 'form') return r.type('form').send(qs.stringify(fields, { arrayFormat: 'brackets' }))
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) r.field(Array.isArray(value) ? `${name}[]` : name, typeof item === 'object' ? JSON.stringify(item) : String(item))
  }
  return r
}

/** Statuses and status events of tickets, and the customers with a primary id (brand:id → how many). */
interface Model { status: Map<number, string>, events: Map<number, number>, primaries: Map<string, number> }

function readModel (t: TestApp): Model {
  const rows = t.db.sqlite.prepare('SELECT t.id, t.status, (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.item_type = \'status\') AS events FROM tickets t').all() as Array<{ id: number, status: string, events: number }>
  const primaries = t.db.sqlite.prepare("SELECT brand_id || ':' || external_primary_id AS k, count(*) AS n FROM customers WHERE external_primary_id IS NOT NULL AND merged_into_id IS NULL GROUP BY k").all() as Array<{ k: string, n: number }>
  return { status: new Map(rows.map((r) => [r.id, r.status])), events: new Map(rows.map((r) => [r.id, r.events])), primaries: new Map(primaries.map((r) => [r.k, r.n])) }
}

/** What an accepted request must have done to statuses and status events, by the model. */
function expectedAfter (model: Model, req: Req, response: { item?: { id: number } }, created: number[]): Model {
  const next: Model = { status: new Map(model.status), events: new Map(model.events), primaries: new Map(model.primaries) }
  const set = (id: number, status: string) => {
    if (next.status.get(id) !== status) next.events.set(id, (next.events.get(id) ?? 0) + 1)
    next.status.set(id, status)
  }
  // The fields as the emulator reads them (a form drops what it cannot carry, such as an empty object).
  const f: Record<string, unknown> = req.encoding === 'form'
    ? qs.parse(qs.stringify(req.fields ?? {}, { arrayFormat: 'brackets' }), QS_OPTIONS)
    : req.encoding === 'multipart'
      ? Object.fromEntries(Object.entries(req.fields ?? {}).filter(([, v]) => !(Array.isArray(v) && v.length === 0)))
      : req.fields ?? (req.contentType === 'application/x-www-form-urlencoded' ? qs.parse(req.raw ?? '', QS_OPTIONS) : {})
  if (req.path === '/api/v2/ticket/setstatus') {
    const ids = (Array.isArray(f.ticketIDs) ? f.ticketIDs : [f.ticketIDs]).map(Number)
    for (const id of ids) set(id, String(f.status))
  } else if (req.method === 'put' && f.status !== undefined) {
    set(Number(req.path.split('/').pop()), String(f.status))
  } else if (req.path === '/api/v2/message' && f.submitStatus !== undefined) {
    set(Number(f.ticketID), String(f.submitStatus))
  } else if (req.path === '/api/v2/customer' && req.method === 'post' && f.primary_id !== undefined) {
    // A primary id the brand has updates its customer; a new one makes one.
    next.primaries.set(`${Number(f.brand_id)}:${String(f.primary_id)}`, 1)
  } else if (req.path.startsWith('/api/v2/customer/purgedata')) {
    const query = qs.parse(req.path.split('?')[1] ?? '')
    next.primaries.delete(`${Number(query.brand_id)}:${String(query.primary_id)}`)
  } else if (req.path === '/api/v2/ticket' && req.method === 'post' && response.item) {
    next.status.set(response.item.id, 'new')
    next.events.set(response.item.id, 0)
  } else if (/^\/api\/v2\/(chat|telephone|email)\//.test(req.path)) {
    // A chat, call or mail may open a ticket (a call answers {}, so the new ids are the database's): new, no status event.
    for (const id of created) {
      next.status.set(id, 'new')
      next.events.set(id, 0)
    }
  }
  return next
}

describe('fuzzing every endpoint', () => {
  let t: TestApp
  beforeAll(async () => { t = await buildDemoApp() })
  afterAll(async () => { await t.app.close() })

  it(`keeps its properties over ${RUNS} random sequences (seed ${SEED})`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 25 }), async (requests) => {
      await t.request.post('/_emulator/reset').expect(200)
      // No triggers, so that the model of statuses and events stays simple.
      await t.request.put('/_emulator/triggers').send({ triggers: [] }).expect(200)
      let model = readModel(t)
      for (const req of requests) {
        const before = dumpDatabase(t)
        const res = await send(t, req)
        expect(res.status, `${req.method} ${req.path}`).toBeLessThan(500)
        if (res.status >= 400) {
          expect(res.body).toStrictEqual({ status: 'error', message: expect.any(String) })
          expect(dumpDatabase(t)).toBe(before)
        } else {
          const actual = readModel(t)
          model = expectedAfter(model, req, res.body, [...actual.status.keys()].filter((id) => !model.status.has(id)))
          expect(Object.fromEntries(actual.status)).toStrictEqual(Object.fromEntries(model.status))
          expect(Object.fromEntries(actual.events)).toStrictEqual(Object.fromEntries(model.events))
          expect(Object.fromEntries(actual.primaries)).toStrictEqual(Object.fromEntries(model.primaries))
        }
      }
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true })
  }, RUNS * 1000)
})
