// Ticket delete, multi-delete and solveUnfinishedTickets: all or nothing, with their permissions,
// the timeline and chat records going with a deleted ticket, and webhook events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { send, ENCODINGS } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

describe('ticket delete and solveUnfinishedTickets', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}${path.includes('?') ? '&' : '?'}apiKey=${t.apiKey}`
  const count = (table: string, where: string) => (t.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n

  it('deletes one ticket with its timeline, tags and chat session; then it is a 404', async () => {
    await t.request.delete(api('/ticket/858495')).expect(200, { type: 'result', message: 'Ticket deleted.' })
    await t.request.get(api('/ticket/858495')).expect(404)
    expect(count('ticket_messages', 'ticket_id = 858495') + count('ticket_events', 'ticket_id = 858495') + count('chat_sessions', 'ticket_id = 858495')).toBe(0)
    await t.request.delete(api('/ticket/858495')).expect(404, { status: 'error', message: 'This ticket does not exist.' })
  })

  for (const encoding of ENCODINGS) {
    it(`deletes several tickets at once, all or nothing (${encoding})`, async () => {
      const before = dumpDatabase(t)
      await send(t.request, 'delete', api('/ticket/multi'), { ticketIDs: [858463, 1] }, encoding).expect(400, { status: 'error', message: 'This ticket does not exist.' })
      expect(dumpDatabase(t)).toBe(before)
      await send(t.request, 'delete', api('/ticket/multi'), { ticketIDs: [858463, 858464] }, encoding).expect(200, { type: 'result', message: 'Tickets deleted.' })
      expect(count('tickets', 'id IN (858463, 858464)')).toBe(0)
    })
  }

  it('takes the ids in the query too, and needs TICKET_DELETE', async () => {
    await t.request.delete('/api/v2/ticket/multi?ticketIDs[]=858465').set('apiKey', 'omnidesk-webshop-key').expect(403)
    await t.request.delete(api('/ticket/multi?ticketIDs[]=858465')).expect(200)
    await t.request.delete(api('/ticket/multi')).expect(400)
  })

  for (const encoding of ENCODINGS) {
    it(`solves the tickets of ticketIDs[] (${encoding})`, async () => {
      await send(t.request, 'put', api('/ticket/solveUnfinishedTickets'), { ticketIDs: [858464, 858465] }, encoding).expect(200)
      expect(count('tickets', "id IN (858464, 858465) AND status NOT IN ('solved', 'closed')")).toBe(0)
    })
  }

  it('solves the unfinished tickets given, or all of them, as setstatus does', async () => {
    const statuses = () => t.db.sqlite.prepare("SELECT status, count(*) AS n FROM tickets WHERE status NOT IN ('solved', 'closed') GROUP BY status").all()
    const res = await t.request.put(api('/ticket/solveUnfinishedTickets')).send({ ticketIDs: [858462, 858463] }).expect(200)
    expect(res.body.message).toMatch(/^[12] tickets? solved\.$/)
    const item = (await t.request.get(api('/ticket/858462?getTicketHistory=1')).expect(200)).body.item
    expect(item.status).toBe('solved')
    expect(item.timeline).toContainEqual(expect.objectContaining({ item_type: 'status', item_type_id: 'solved', initiated_by: 'api: default' }))
    // All or nothing: the seed's repair ticket 858475 cannot be solved without its form's Framenummer.
    const before = statuses()
    const refused = await t.request.put(api('/ticket/solveUnfinishedTickets')).expect(400)
    expect(refused.body.message).toBe("Ticket 858475 cannot be solved while its form field 'Framenummer' (3) is empty: fill it in with PUT /api/v2/form/saveFormFields first.")
    expect(statuses()).toEqual(before)
    await t.request.put(api('/form/saveFormFields')).send({ ticketID: 858475, fields: [{ external_code: 'frame_number', value: 'WAW12345' }] }).expect(200)
    await t.request.put(api('/ticket/solveUnfinishedTickets')).expect(200)
    expect(statuses()).toEqual([])
  })
})
