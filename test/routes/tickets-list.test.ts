import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

describe('GET /api/v2/ticket (list)', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })
  const list = (query: Record<string, string | number> = {}) => t.request.get('/api/v2/ticket').query({ apiKey: t.apiKey, ...query })

  it('answers the list envelope with 15 tickets, newest first, without timelines', async () => {
    const { body } = await list().expect(200)
    expect(Object.keys(body)).toEqual(['type', 'itemStart', 'itemTotal', 'itemLimit', 'items'])
    expect(body).toMatchObject({ type: 'list', itemStart: 0, itemTotal: 37, itemLimit: 15 })
    expect(body.items).toHaveLength(15)
    const ids = body.items.map((i: { id: number }) => i.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(body.items[0]).not.toHaveProperty('timeline')
    const { body: one } = await t.request.get(`/api/v2/ticket/${ids[0]}`).set('apiKey', t.apiKey)
    const { timeline, ...withoutTimeline } = one.item
    expect(timeline).toBeDefined()
    expect(body.items[0]).toStrictEqual(withoutTimeline)
  })

  it('pages with itemStart and itemLimit, and answers an empty page beyond the end', async () => {
    const all = (await list({ itemLimit: 9999 }).expect(200)).body.items.map((i: { id: number }) => i.id)
    const page = (await list({ itemStart: 10, itemLimit: 5 }).expect(200)).body
    expect(page.items.map((i: { id: number }) => i.id)).toEqual(all.slice(10, 15))
    const beyond = (await list({ itemStart: 500 }).expect(200)).body
    expect(beyond).toMatchObject({ itemStart: 500, itemTotal: 37, items: [] })
  })

  it('filters by status and by a text in the title or customer address', async () => {
    const pending = (await list({ status: 'pending' }).expect(200)).body
    expect(pending.itemTotal).toBeGreaterThan(0)
    expect(pending.items.every((i: { status: string }) => i.status === 'pending')).toBe(true)
    const byTitle = (await list({ query: 'VRAAG VAN' }).expect(200)).body
    expect(byTitle.items.map((i: { id: number }) => i.id)).toEqual([858462])
    const byAddress = (await list({ query: 'noah.mulder' }).expect(200)).body
    expect(byAddress.itemTotal).toBe(2)
    expect((await list({ query: '%' }).expect(200)).body.itemTotal).toBe(0)
  })

  it.each([
    [{ itemLimit: 0 }, "The query parameter 'itemLimit' must be at least 1."],
    [{ itemLimit: 10000 }, "The query parameter 'itemLimit' must be at most 9999."],
    [{ itemStart: -1 }, "The query parameter 'itemStart' must be at least 0."],
    [{ status: 'gone' }, "The query parameter 'status' must be one of: new, open, pending, holding, solved, closed."]
  ])('rejects %j with a clear 400', async (query, message) => {
    const res = await list(query).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message })
  })

  it('needs a key with TICKET_READ', async () => {
    await t.request.get('/api/v2/ticket').expect(401)
    await t.request.get('/api/v2/ticket').query({ apiKey: 'omnidesk-readonly-key' }).expect(200)
  })
})

describe('POST /api/v2/ticket/setpriority', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('sets the priority of every listed ticket with one event each', async () => {
    const res = await t.request.post(`/api/v2/ticket/setPriority?apiKey=${t.apiKey}`).type('form')
      .send('ticketIDs[]=858462&ticketIDs[]=858463&priority=urgent').expect(200)
    expect(res.text).toBe('{"type":"result","message":"Ticket priority is updated."}')
    const events = t.db.sqlite.prepare("SELECT ticket_id, item_type_id, description FROM ticket_events WHERE item_type = 'priority' AND ticket_id IN (858462, 858463) ORDER BY id DESC LIMIT 2").all()
    expect(events).toEqual([
      { ticket_id: 858463, item_type_id: 'urgent', description: 'Priority changed to urgent' },
      { ticket_id: 858462, item_type_id: 'urgent', description: 'Priority changed to urgent' }
    ])
  })

  it('is all or nothing and validates the priority', async () => {
    await t.request.post('/api/v2/ticket/setpriority').set('apiKey', t.apiKey).send({ ticketIDs: [858462, 7], priority: 'low' }).expect(400)
    const bad = await t.request.post('/api/v2/ticket/setpriority').set('apiKey', t.apiKey).send({ ticketIDs: [858462], priority: 'asap' }).expect(400)
    expect(bad.body.message).toBe("The field 'priority' must be one of: low, medium, high, urgent.")
    expect(t.db.sqlite.prepare('SELECT priority FROM tickets WHERE id = 858462').get()).toEqual({ priority: 'medium' })
  })
})

describe('endpoints that are not emulated yet', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it.each([
    ['post', '/api/v2/ticket/batch'],
    ['put', '/api/v2/customer/626830'],
    ['post', '/api/v2/customer/syncWithCRM'],
    ['post', '/api/v2/user/reserveUserForLiveChannel'],
    ['get', '/api/v2/view/viewCategories'],
    ['post', '/api/v2/chat/requestChatConfig'],
    ['get', '/api/v2/email/address/1'],
    ['get', '/api/v2/statisticsv2/tickets']
  ] as const)('%s %s answers 501 with the envelope', async (method, path) => {
    const res = await t.request[method](path).set('apiKey', t.apiKey).expect(501)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('not emulated yet') })
  })
})
