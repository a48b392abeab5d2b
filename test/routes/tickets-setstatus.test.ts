import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, READ_ONLY_KEY, type TestApp } from '../helpers.js'
import { ENCODINGS, send } from '../encodings.js'
import { createTicket } from '../../src/stores/tickets.js'

const statusEvents = (t: TestApp, ticketId: number) =>
  t.db.sqlite.prepare("SELECT item_type_id FROM ticket_events WHERE ticket_id = ? AND item_type = 'status' ORDER BY id").all(ticketId)

describe('POST /api/v2/ticket/setstatus', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it.each(ENCODINGS)('sets the status of every listed ticket from a %s body', async (encoding) => {
    const res = await send(t.request, 'post', `/api/v2/ticket/setstatus?apiKey=${t.apiKey}`,
      { ticketIDs: [858462, 858463], status: 'pending' }, encoding).expect(200)
    expect(res.text).toBe('{"type":"result","message":"Ticket status is updated."}')
    for (const id of [858462, 858463]) {
      const { body } = await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(200)
      expect(body.item.status).toBe('pending')
      expect(body.item.last_update).toBe('2019-09-28 22:08:14')
    }
    expect(statusEvents(t, 858462)).toEqual([{ item_type_id: 'pending' }])
  })

  it('reads indexed PHP arrays, a single unbracketed id, and the camel-cased path', async () => {
    await t.request.post(`/api/v2/ticket/setStatus?apiKey=${t.apiKey}`).type('form')
      .send('ticketIDs[0]=858462&ticketIDs[1]=858463&status=holding').expect(200)
    await t.request.post(`/api/v2/ticket/setstatus?apiKey=${t.apiKey}`).type('form').send('ticketIDs=858464&status=holding').expect(200)
    const rows = t.db.sqlite.prepare('SELECT status FROM tickets WHERE id IN (858462, 858463, 858464)').all()
    expect(rows).toEqual([{ status: 'holding' }, { status: 'holding' }, { status: 'holding' }])
  })

  it('writes an event only for tickets whose status really changes, once per ticket', async () => {
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey)
      .send({ ticketIDs: [858462, 858462, 858463], status: 'new' }).expect(200)
    const before = statusEvents(t, 858463).length
    expect(statusEvents(t, 858462)).toEqual([])
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462, 858463], status: 'open' }).expect(200)
    expect(statusEvents(t, 858462)).toEqual([{ item_type_id: 'open' }])
    expect(statusEvents(t, 858463).length).toBe(before + 1)
  })

  it('is all or nothing: one unknown id changes no ticket', async () => {
    const before = dumpDatabase(t)
    const res = await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey)
      .send({ ticketIDs: [858462, 858463, 424242], status: 'closed' }).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: 'This ticket does not exist.' })
    expect(dumpDatabase(t)).toBe(before)
  })

  it.each([
    [{ status: 'open' }, "The field 'ticketIDs' is required."],
    [{ ticketIDs: [], status: 'open' }, "The field 'ticketIDs' must have at least 1 item."],
    [{ ticketIDs: [858462] }, "The field 'status' is required."],
    [{ ticketIDs: [858462], status: 'archived' }, "The field 'status' must be one of: new, open, pending, holding, solved, closed."],
    [{ ticketIDs: ['x'], status: 'open' }, "The field 'ticketIDs[0]' must be a whole number."],
    [{ ticketIDs: [858462, -1], status: 'open' }, "The field 'ticketIDs[1]' must be at least 1."]
  ])('rejects %j with "%s" and changes nothing', async (body, message) => {
    const before = dumpDatabase(t)
    const res = await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send(body).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message })
    expect(dumpDatabase(t)).toBe(before)
  })

  it('needs SET_STATUS', async () => {
    const res = await t.request.post('/api/v2/ticket/setstatus').set('apiKey', READ_ONLY_KEY)
      .send({ ticketIDs: [858462], status: 'open' }).expect(403)
    expect(res.body.message).toContain('SET_STATUS')
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', 'omnidesk-webshop-key')
      .send({ ticketIDs: [858462], status: 'open' }).expect(403)
  })

  it('handles 1,000 tickets in one request', async () => {
    const ids = t.db.transaction(() => Array.from({ length: 1000 }, (_, i) => createTicket(t.account, {
      to: 'service@mybrand.com', from: `klant${i}@example.com`, direction: 'inbound', channelID: 1, brandID: 2, title: `Vraag ${i}`
    }, 'api: test')))
    const form = ids.map((id) => `ticketIDs[]=${id}`).join('&') + '&status=solved'
    await t.request.post(`/api/v2/ticket/setstatus?apiKey=${t.apiKey}`).type('form').send(form).expect(200)
    const { n } = t.db.sqlite.prepare("SELECT count(*) AS n FROM tickets WHERE status = 'solved' AND id >= ?").get(ids[0]) as { n: number }
    expect(n).toBe(1000)
    const events = t.db.sqlite.prepare("SELECT count(*) AS n FROM ticket_events WHERE item_type = 'status' AND ticket_id >= ?").get(ids[0]) as { n: number }
    expect(events.n).toBe(1000)
  })
})
