import { and, asc, desc, eq, getTableColumns, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.js'
import { customers, tickets } from '../src/db/schema.js'
import { getTicketRow, getTicketRows, listTicketRows } from '../src/stores/rows/tickets.js'
import { buildDemoApp } from './helpers.js'

describe('the tickets table', () => {
  // POST /api/v2/ticket builds the new row from the values it inserts and these defaults instead of
  // reading it back (src/stores/rows/tickets.ts, insertTicket): they must be what the database applies.
  it('has, after the migrations, exactly the column defaults that src/db/schema.ts declares', () => {
    const db = openDatabase(':memory:')
    try {
      const info = db.sqlite.prepare('SELECT name, dflt_value FROM pragma_table_info(\'tickets\')').all() as Array<{ name: string, dflt_value: string | null }>
      const inDatabase = Object.fromEntries(info.map(({ name, dflt_value: sql }) =>
        [name, sql === null ? null : db.sqlite.prepare(`SELECT ${sql}`).pluck().get()]))
      const declared = Object.fromEntries(Object.values(getTableColumns(tickets)).map((column) => [column.name, column.default ?? null]))
      expect(Object.keys(inDatabase).sort()).toEqual(Object.keys(declared).sort())
      expect(inDatabase).toEqual(declared)
      expect(declared.status).toBe('new')
    } finally {
      db.close()
    }
  })
})

describe('ticket rows read raw (src/stores/rows/tickets.ts)', () => {
  // The hot reads make each row from an array with one object literal built from the schema's keys
  // (src/stores/rows/columns.ts, objectMaker): it must be what drizzle reads, key for key and in order.
  it('are what drizzle reads, with the same keys in the same order', async () => {
    const t = await buildDemoApp()
    try {
      const created = await t.request.post('/api/v2/ticket').set('apikey', t.apiKey).type('form')
        .send({ to: 'service@mybrand.com', from: 'row@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Row "quoted" \\ test' })
      expect(created.status).toBe(200)
      const viaOrm = t.db.orm.select().from(tickets).orderBy(asc(tickets.id)).all()
      expect(viaOrm.length).toBeGreaterThan(1)
      for (const row of viaOrm) {
        const raw = getTicketRow(t.db, row.id)
        expect(raw).toEqual(row)
        expect(Object.keys(raw ?? {})).toEqual(Object.keys(row))
      }
      const ids = viaOrm.map((row) => row.id).reverse()
      expect(getTicketRows(t.db, ids)).toEqual(ids.map((id) => viaOrm.find((row) => row.id === id)))
      const page = listTicketRows(t.db, {}, 0, 100)
      expect(page.map((row) => Object.keys(row))).toEqual(page.map(() => Object.keys(viaOrm[0] ?? {})))
      expect(getTicketRow(t.db, created.body.item.id)?.title).toBe('Row "quoted" \\ test')
    } finally {
      await t.app.close()
    }
  })
})

describe('the indexes on ids most rows lack', () => {
  // Partial (WHERE ... IS NOT NULL), so that a ticket or customer made without one writes no page of
  // them; the lookups by such an id (src/stores/email.ts, customers.ts, customer-sync.ts) still use them.
  it('serve the lookups of an e-mail thread and of a customer by primary id', () => {
    const db = openDatabase(':memory:')
    try {
      const plan = (query: { toSQL: () => { sql: string, params: unknown[] } }) => {
        const { sql, params } = query.toSQL()
        return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail).join('; ')
      }
      expect(plan(db.orm.select().from(tickets).where(and(eq(tickets.brandId, 2), eq(tickets.externalId, '<a@b>'))).orderBy(desc(tickets.id)).limit(1)))
        .toContain('USING INDEX tickets_external_idx')
      expect(plan(db.orm.select().from(customers).where(and(eq(customers.brandId, 2), eq(customers.externalPrimaryId, 'crm-1'), isNull(customers.mergedIntoId)))))
        .toContain('USING INDEX customers_external_primary_idx')
      const partial = db.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql LIKE '%IS NOT NULL%' ORDER BY name").pluck().all()
      expect(partial).toEqual(['customers_external_primary_idx', 'tickets_external_idx'])
    } finally {
      db.close()
    }
  })
})
