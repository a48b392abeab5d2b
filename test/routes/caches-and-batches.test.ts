// The speed-ups must not change what clients see: settings kept in memory follow every write to the
// settings tables, and requests that share one COMMIT still succeed or fail one by one.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cachedUntilWrite } from '../../src/db/client.js'
import { getBrand } from '../../src/stores/settings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

/** The documented ticket's title, kept until the next write as the built tickets are. */
const ticketTitle = cachedUntilWrite((db) => db.sqlite.prepare('SELECT title FROM tickets WHERE id = 858462').pluck().get())
const NEW_TICKET = { to: 'service@mybrand.com', from: 'batch@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Batch' }

describe('what is kept in memory', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('follows a change made to the settings tables by any writer, even raw SQL', async () => {
    t = await buildDemoApp()
    const get = () => t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect((await get()).body.item.brand_name).toBe('MyBrand')
    t.db.sqlite.prepare("UPDATE brands SET name = 'Renamed' WHERE id = 2").run()
    t.db.sqlite.prepare("INSERT INTO groups (id, brand_id, name) VALUES (10099, 2, 'Night shift')").run()
    const item = (await get()).body.item
    expect(item.brand_name).toBe('Renamed')
    expect(item.assign_options_groups).toContainEqual({ id: 10099, name: 'Night shift' })
  })

  it('forgets what it read inside a transaction that was rolled back', async () => {
    t = await buildDemoApp()
    const get = () => t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect((await get()).body.item.brand_name).toBe('MyBrand')
    // Read inside the transaction, after its change: kept with the version the rollback takes back.
    expect(() => t.db.transaction(() => {
      t.db.sqlite.prepare("UPDATE brands SET name = 'Rolled back' WHERE id = 2").run()
      expect(getBrand(t.db, 2)?.name).toBe('Rolled back')
      throw new Error('rejected')
    })).toThrow('rejected')
    expect(getBrand(t.db, 2)?.name).toBe('MyBrand')
    expect((await get()).body.item.brand_name).toBe('MyBrand')
    // And a change after it, committed, is seen.
    t.db.sqlite.prepare("UPDATE brands SET name = 'Renamed' WHERE id = 2").run()
    expect((await get()).body.item.brand_name).toBe('Renamed')
  })

  it('after a rollback, never mistakes what it read inside for the next change to the settings', async () => {
    t = await buildDemoApp()
    expect(() => t.db.transaction(() => {
      t.db.sqlite.prepare("UPDATE brands SET name = 'Rolled back' WHERE id = 2").run()
      expect(getBrand(t.db, 2)?.name).toBe('Rolled back')
      throw new Error('rejected')
    })).toThrow('rejected')
    // No read in between: the next change takes the settings version back to the number the
    // rolled-back change had given it.
    t.db.sqlite.prepare("UPDATE brands SET name = 'Renamed' WHERE id = 2").run()
    expect(getBrand(t.db, 2)?.name).toBe('Renamed')
    const item = (await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)).body.item
    expect(item.brand_name).toBe('Renamed')
  })

  it('after a rollback, forgets what it kept until the next write from inside the transaction', async () => {
    t = await buildDemoApp()
    const before = ticketTitle(t.db)
    expect(() => t.db.transaction(() => {
      t.db.sqlite.prepare("UPDATE tickets SET title = 'Rolled back' WHERE id = 858462").run()
      expect(ticketTitle(t.db)).toBe('Rolled back')
      throw new Error('rejected')
    })).toThrow('rejected')
    // The rollback does not move SQLite's change count, which the kept value is stamped with.
    expect(ticketTitle(t.db)).toBe(before)
  })

  it('after a batch whose COMMIT failed, forgets what it kept from inside the batch', async () => {
    t = await buildDemoApp()
    const before = ticketTitle(t.db)
    const committed = t.db.joinWriteBatch()
    // A foreign key checked only at the COMMIT makes it fail, as a full disk would.
    t.db.sqlite.pragma('defer_foreign_keys = ON')
    t.db.sqlite.prepare("UPDATE tickets SET title = 'Rolled back' WHERE id = 858462").run()
    t.db.sqlite.prepare('UPDATE tickets SET brand_id = 99999 WHERE id = 858462').run()
    expect(ticketTitle(t.db)).toBe('Rolled back')
    await expect(committed).rejects.toThrow(/FOREIGN KEY/)
    expect(t.db.sqlite.inTransaction).toBe(false)
    expect(ticketTitle(t.db)).toBe(before)
  })

  it('sees an API key removed by raw SQL on the very next request', async () => {
    t = await buildDemoApp()
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    t.db.sqlite.prepare('DELETE FROM api_keys WHERE key = ?').run(t.apiKey)
    const res = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(401)
    expect(res.body.status).toBe('error')
  })
})

describe('group commit', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('answers each of many simultaneous writes on its own, and keeps none of the rejected', async () => {
    t = await buildDemoApp()
    const before = dumpDatabase(t)
    // All sent at once, so that they share batches; every third names a brand that does not exist.
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
        .send({ ...NEW_TICKET, title: `Batch ${i}`, brandID: i % 3 === 2 ? 999 : 2 })))
    const created = results.filter((res) => res.status === 200).map((res) => res.body.item.title as string)
    expect(created).toHaveLength(20)
    expect(results.filter((res) => res.status !== 200).every((res) => res.status === 400 && res.body.status === 'error')).toBe(true)
    const titles = t.db.sqlite.prepare("SELECT title FROM tickets WHERE title LIKE 'Batch %' ORDER BY id").pluck().all()
    expect(titles.sort()).toEqual([...created].sort())
    expect(t.db.sqlite.inTransaction).toBe(false)
    expect(dumpDatabase(t)).not.toBe(before)
  })

  // Node runs an immediate queued by an immediate in the next turn of the event loop: each `turn()`
  // below lets the batch see one turn end.
  const turn = () => new Promise<void>((resolve) => { setImmediate(resolve) })

  it('keeps a batch open while requests keep joining it, and commits after a turn in which none did', async () => {
    t = await buildDemoApp()
    const first = t.db.joinWriteBatch()
    await turn()
    expect(t.db.sqlite.inTransaction).toBe(true)
    // A request that comes after the end of that turn joins the same batch (one COMMIT for both).
    expect(t.db.joinWriteBatch()).toBe(first)
    await turn()
    expect(t.db.sqlite.inTransaction).toBe(true)
    await turn()
    expect(t.db.sqlite.inTransaction).toBe(false)
    await first
  })

  it('commits a batch after three turns however many requests keep joining it', async () => {
    t = await buildDemoApp()
    const first = t.db.joinWriteBatch()
    let settled = false
    first.then(() => { settled = true }, () => {})
    for (let i = 0; i < 2; i++) {
      await turn()
      expect(t.db.joinWriteBatch()).toBe(first)
    }
    await turn()
    expect(t.db.sqlite.inTransaction).toBe(false)
    expect(settled).toBe(true)
    // The next request opens a batch of its own.
    const next = t.db.joinWriteBatch()
    expect(next).not.toBe(first)
    await next
  })

  it('commits an open batch before the control API reads the database whole', async () => {
    t = await buildDemoApp()
    const committed = t.db.joinWriteBatch()
    t.db.sqlite.prepare("UPDATE tickets SET title = 'In the batch' WHERE id = 858462").run()
    expect(t.db.sqlite.inTransaction).toBe(true)
    const exported = (await t.request.get('/_emulator/snapshot').expect(200)).body.tickets as Array<{ id: number, title: string }>
    await committed
    expect(exported.find((ticket) => ticket.id === 858462)?.title).toBe('In the batch')
    expect(t.db.sqlite.inTransaction).toBe(false)
  })

  // SQLite keeps what a savepoint would undo in a sub-journal, which goes to a temporary file once it
  // passes 64 KiB; with the connection's EXCLUSIVE locking that file then stays open, and every later
  // write in a savepoint (each API write is one, inside its batch) paid two file writes per page.
  // Temporary storage in memory keeps it off the disk (bench/RESULTS.md).
  it.runIf(fs.existsSync('/proc/self/fd'))('keeps what a write would undo off the disk, on a file database too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-subjournal-'))
    try {
      t = await buildDemoApp({ DATABASE_PATH: path.join(dir, 'omnidesk.db') })
      const call = (route: string, fields: Record<string, string>) =>
        t.request.post(`/api/v2/telephone/${route}`).set('apiKey', t.apiKey).type('form').send(fields).expect(200)
      // Calls from new numbers: each makes a customer, its address, a ticket and its events in one savepoint.
      await Promise.all(Array.from({ length: 20 }, (_, i) => call('newInboundCall', {
        callID: `journal-${i}`, pbxID: 'pbx-1', pbxIP: '10.0.0.5', telephoneNumberCalling: `+3161${String(i).padStart(7, '0')}`, telephoneNumberCalled: '+31201234567'
      })))
      await Promise.all(Array.from({ length: 20 }, (_, i) => call('callCreateTicket', { callID: `journal-${i}`, pbxID: 'pbx-1', pbxIP: '10.0.0.5', 'variables[choice]': '2' })))
      expect(t.db.sqlite.prepare("SELECT count(*) FROM calls WHERE call_id LIKE 'journal-%' AND ticket_id IS NOT NULL").pluck().get()).toBe(20)
      const temporary = fs.readdirSync('/proc/self/fd').map((fd) => { try { return fs.readlinkSync(`/proc/self/fd/${fd}`) } catch { return '' } })
        .filter((target) => target.includes('etilqs_'))
      expect(temporary).toEqual([])
    } finally {
      await t.app.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
