import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, READ_ONLY_KEY, type TestApp } from '../helpers.js'
import { ENCODINGS, send } from '../encodings.js'

const history = async (t: TestApp, id: number) =>
  (await t.request.get(`/api/v2/ticket/${id}?getTicketHistory=1`).set('apiKey', t.apiKey).expect(200)).body.item

describe('PUT /api/v2/ticket/:ticketID', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it.each(ENCODINGS)('updates title and status from a %s body, with one status event', async (encoding) => {
    const res = await send(t.request, 'put', `/api/v2/ticket/858462?apiKey=${t.apiKey}`, { title: 'Nieuwe titel', status: 'solved' }, encoding).expect(200)
    expect(res.text).toBe('{"type":"result","message":"Ticket updated."}')
    t.account.clock.advance(60)
    const item = await history(t, 858462)
    expect(item).toMatchObject({ title: 'Nieuwe titel', status: 'solved', last_update: '2019-09-28 22:08:14' })
    expect(item.timeline.filter((i: { type: string }) => i.type === 'event').slice(1)).toStrictEqual([{
      id: expect.any(Number),
      ticket_id: 858462,
      item_type: 'status',
      item_type_id: 'solved',
      description: 'Status changed to solved',
      initiated_by: 'api: default',
      created_at: '2019-09-28 22:08:14',
      type: 'event'
    }])
  })

  it('writes no event and keeps last_update for a status the ticket already has', async () => {
    const before = dumpDatabase(t)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'solved' }).expect(200)
    const solved = dumpDatabase(t)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'solved' }).expect(200)
    expect(dumpDatabase(t)).toBe(solved)
    expect(solved).not.toBe(before)
  })

  it('changes nothing for a field that is not sent', async () => {
    const before = dumpDatabase(t)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({}).expect(200)
    expect(dumpDatabase(t)).toBe(before)
  })

  it('sets closed_at when closing and clears it when reopening', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'closed' }).expect(200)
    expect((await history(t, 858462)).closed_at).toBe('2019-09-28 22:08:14')
    t.account.clock.advance(120)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
    const item = await history(t, 858462)
    expect(item.closed_at).toBeNull()
    expect(item.last_update).toBe('2019-09-28 22:10:14')
  })

  it('links the customer with externalPrimaryID, and sets no customer for an unknown one', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ externalPrimaryID: '20164564646592600' }).expect(200)
    expect((await history(t, 858462)).customer).toMatchObject({ id: 626830, firstname: 'Noah' })
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ externalPrimaryID: 'nobody' }).expect(200)
    const item = await history(t, 858462)
    expect(item.customer_id).toBe(0)
    expect(item.customer).toBeNull()
    expect(item.customer_channels).toEqual([])
  })

  it('answers 404 for an unknown ticket, 400 for a bad status, 403 without TICKET_UPDATE; nothing changes', async () => {
    const before = dumpDatabase(t)
    const missing = await t.request.put('/api/v2/ticket/1').set('apiKey', t.apiKey).send({ status: 'closed' }).expect(404)
    expect(missing.body).toStrictEqual({ status: 'error', message: 'This ticket does not exist.' })
    const bad = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'done', title: 'x' }).expect(400)
    expect(bad.body.message).toBe("The field 'status' must be one of: solved, closed.")
    // Omnidesk's spec allows only solved and closed on PUT: the others go through setstatus.
    const open = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'open' }).expect(400)
    expect(open.body.message).toBe("The field 'status' must be one of: solved, closed.")
    const empty = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: '' }).expect(400)
    expect(empty.body.message).toBe("The field 'title' must not be empty.")
    const denied = await t.request.put('/api/v2/ticket/858462').set('apiKey', READ_ONLY_KEY).send({ status: 'closed' }).expect(403)
    expect(denied.body.message).toContain('TICKET_UPDATE')
    expect(dumpDatabase(t)).toBe(before)
  })
})
