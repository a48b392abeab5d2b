// 50 concurrent clients on overlapping tickets: the result must be that of some serial order of the
// accepted requests (the journal's order), with one status event per real status change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

const TICKETS = [858462, 858463, 858464, 858465]
const STATUSES = ['open', 'pending', 'holding', 'solved'] as const
// PUT takes only solved and closed (Omnidesk's ticket spec).
const PUT_STATUSES = ['solved', 'closed'] as const

describe('concurrency', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildDemoApp()
    await t.request.put('/_emulator/triggers').send({ triggers: [] }).expect(200)
    await t.request.delete('/_emulator/requests').expect(200)
  })
  afterEach(async () => { await t.app.close() })

  it('serializes 50 clients doing setstatus, PUT and POST on the same tickets', async () => {
    const before = t.db.sqlite.prepare("SELECT ticket_id AS id, count(*) AS n FROM ticket_events WHERE item_type = 'status' GROUP BY ticket_id").all() as Array<{ id: number, n: number }>
    const initial = new Map(TICKETS.map((id) => [id, (t.db.sqlite.prepare('SELECT status FROM tickets WHERE id = ?').get(id) as { status: string }).status]))
    const clients = Array.from({ length: 50 }, async (_, client) => {
      for (let i = 0; i < 6; i++) {
        const status = STATUSES[(client + i) % STATUSES.length] as string
        const ids = TICKETS.filter((_, j) => (client + i + j) % 2 === 0)
        const kind = (client + i) % 3
        const res = kind === 0
          ? await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: ids.length > 0 ? ids : [TICKETS[0]], status })
          : kind === 1
            ? await t.request.put(`/api/v2/ticket/${TICKETS[(client + i) % TICKETS.length]}`).set('apiKey', t.apiKey).send({ status: PUT_STATUSES[(client + i) % 2], title: `client ${client}` })
            : await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send({ to: 'service@mybrand.com', from: `c${client}@example.com`, direction: 'inbound', channelID: 1, brandID: 2, title: `from ${client}` })
        expect(res.status).toBe(200)
      }
    })
    await Promise.all(clients)

    // Replay the journal, oldest first, as a serial order.
    const journal = (await t.request.get('/_emulator/requests').query({ status: 200 })).body.requests as Array<{ method: string, path: string, body: { ticketIDs?: number[], status?: string } }>
    expect(journal).toHaveLength(300)
    const status = new Map(initial)
    const events = new Map(TICKETS.map((id) => [id, before.find((b) => b.id === id)?.n ?? 0]))
    const set = (id: number, next: string) => {
      if (status.get(id) !== next) events.set(id, (events.get(id) ?? 0) + 1)
      status.set(id, next)
    }
    for (const entry of journal) {
      if (entry.path === '/api/v2/ticket/setstatus') for (const id of entry.body.ticketIDs ?? []) set(id, entry.body.status ?? '')
      else if (entry.method === 'PUT') set(Number(entry.path.split('/').pop()), entry.body.status ?? '')
    }
    for (const id of TICKETS) {
      const row = t.db.sqlite.prepare("SELECT status, (SELECT count(*) FROM ticket_events WHERE ticket_id = ? AND item_type = 'status') AS n FROM tickets WHERE id = ?").get(id, id) as { status: string, n: number }
      expect(row.status, `ticket ${id}`).toBe(status.get(id))
      expect(row.n, `status events of ticket ${id}`).toBe(events.get(id))
    }
    const created = t.db.sqlite.prepare("SELECT count(*) AS n FROM tickets WHERE title LIKE 'from %'").get() as { n: number }
    expect(created.n).toBe(journal.filter((e) => e.method === 'POST' && e.path === '/api/v2/ticket').length)
  })
})
