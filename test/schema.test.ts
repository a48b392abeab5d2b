import { getTableColumns } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.js'
import { tickets } from '../src/db/schema.js'

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
