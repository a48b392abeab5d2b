import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readDemoSeed } from '../../src/account/seed.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { copyImage, copyStatements, LARGE_IMAGE_ROWS } from '../../src/db/table-copy.js'
import { accountFromHost } from '../../src/plugins/accounts.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

const NEW_TICKET = { to: 'service@mybrand.com', from: 'iemand@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Vraag' }

describe('accounts', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('reads the account from the first label of the Host header, and nothing from IPs and single labels', () => {
    expect(accountFromHost('acme.localhost:3000')).toBe('acme')
    expect(accountFromHost('Acme.Omnidesk.com')).toBe('acme')
    expect(accountFromHost('localhost:3000')).toBeUndefined()
    expect(accountFromHost('127.0.0.1:3000')).toBeUndefined()
    expect(accountFromHost('[::1]:3000')).toBeUndefined()
    expect(accountFromHost('omnidesk-emulator:3000')).toBeUndefined()
    expect(accountFromHost('host.docker.internal:3000')).toBeUndefined()
  })

  it('keeps accounts apart, by Host and by path prefix, each created from the seed on first use', async () => {
    const created = await t.request.post('/api/v2/ticket').set('Host', 'acme.localhost').set('apiKey', t.apiKey).send(NEW_TICKET).expect(200)
    const id = created.body.item.id
    await t.request.get(`/_accounts/acme/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(200)
    await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(404)
    await t.request.get(`/_accounts/globex/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(404)
    await t.request.get('/_accounts/globex/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    const { body } = await t.request.get('/_emulator/accounts').expect(200)
    expect(body.accounts).toEqual(['acme', 'default', 'globex'])
  })

  it('gives each account its own clock, triggers and journal', async () => {
    await t.request.put('/_accounts/acme/_emulator/clock').send({ now: '2020-01-01 00:00:00' }).expect(200)
    expect((await t.request.get('/_emulator/clock')).body.now).toBe('2019-09-28 22:08:14')
    await t.request.put('/_accounts/acme/_emulator/triggers').send({ triggers: [] }).expect(200)
    expect((await t.request.get('/_emulator/triggers')).body.triggers.length).toBeGreaterThan(0)
    await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect((await t.request.get('/_emulator/requests')).body.requests).toEqual([])
    expect((await t.request.get('/_accounts/acme/_emulator/requests')).body.requests).toHaveLength(1)
  })

  it('refuses an account name that is not a DNS label', async () => {
    const res = await t.request.get('/_accounts/no_such!/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('not an account name') })
  })

  it('drops an account, which comes back fresh from the seed', async () => {
    await t.request.put('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'Gewijzigd' }).expect(200)
    await t.request.delete('/_emulator/accounts/acme').expect(200)
    await t.request.delete('/_emulator/accounts/acme').expect(404)
    const { body } = await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(body.item.title).toBe('vraag van Thomas')
  })

  it('serves two accounts used at the same time without leaks', async () => {
    const make = (account: string, i: number) => t.request.post(`/_accounts/${account}/api/v2/ticket`).set('apiKey', t.apiKey)
      .send({ ...NEW_TICKET, title: `${account} ${i}` })
    await Promise.all(Array.from({ length: 20 }, (_, i) => make(i % 2 ? 'acme' : 'globex', i).expect(200)))
    for (const account of ['acme', 'globex']) {
      const { body } = await t.request.get(`/_accounts/${account}/api/v2/ticket`).query({ apiKey: t.apiKey, query: account, itemLimit: 100 }).expect(200)
      expect(body.itemTotal).toBe(10)
    }
  })
})

describe('reset and snapshots', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('resets to the seed, or to an empty account', async () => {
    const pristine = dumpDatabase(t)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'closed' }).expect(200)
    await t.request.post('/_emulator/clock/advance').send({ seconds: 60 }).expect(200)
    const started = performance.now()
    await t.request.post('/_emulator/reset').expect(200)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(dumpDatabase(t)).toBe(pristine)
    expect((await t.request.get('/_emulator/clock')).body.now).toBe('2019-09-28 22:08:14')
    expect((await t.request.get('/_emulator/requests')).body.requests).toEqual([])
    await t.request.post('/_emulator/reset').send({ seed: false }).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(404)
  })

  it('puts the data and the settings back in the same connection, and serves nothing kept from before', async () => {
    const ticket = async () => (await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)).body.item
    const crmUrl = async () => (await t.request.get('/_emulator/brands').expect(200)).body.brands.find((b: { id: number }) => b.id === 2).crm_sync_url
    const seeded = { ticket: await ticket(), crmUrl: await crmUrl() }
    for (let round = 0; round < 3; round++) {
      await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: `Ronde ${round}` }).expect(200)
      if (round !== 1) await t.request.put('/_emulator/brands/2').send({ crm_sync_url: 'http://127.0.0.1:4000/customerlookup' }).expect(200)
      expect((await ticket()).title).toBe(`Ronde ${round}`)
      await t.request.post('/_emulator/reset').expect(200)
      // A second reset with nothing written between does nothing, and leaves the same account.
      await t.request.post('/_emulator/reset').expect(200)
      expect(await ticket()).toEqual(seeded.ticket)
      expect(await crmUrl()).toBe(seeded.crmUrl)
    }
    await t.request.post('/_emulator/reset').send({ seed: false }).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(404)
    await t.request.post('/_emulator/reset').expect(200)
    expect(await ticket()).toEqual(seeded.ticket)
  })

  it('puts back whatever a test wrote, reset after reset: cascades, calls, customers, settings, raw SQL', async () => {
    const pristine = dumpDatabase(t)
    const form = (path: string, fields: Record<string, string>) => t.request.post(`/api/v2/${path}`).set('apiKey', t.apiKey).type('form').send(fields).expect(200)
    const writes: Array<() => Promise<unknown>> = [
      // Deleting a ticket cascades to its timeline, tags and form values (tables the DELETE itself never names).
      async () => t.request.delete('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200),
      async () => t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858473, type: 1, message: 'Uw pakket is onderweg.', userID: 1 }).expect(200),
      async () => {
        await form('telephone/newInboundCall', { callID: 'reset-1', pbxID: 'pbx-1', pbxIP: '10.0.0.5', telephoneNumberCalling: '+31611112222', telephoneNumberCalled: '+31201234567' })
        await form('telephone/callCreateTicket', { callID: 'reset-1', pbxID: 'pbx-1', pbxIP: '10.0.0.5', 'variables[choice]': '2' })
      },
      async () => form('customer', { brand_id: '2', primary_id: 'CRM-reset', firstname: 'Kim', lastname: 'de Jong', channel_id: 'email', customer_link_channel: 'kim@example.com' }),
      async () => t.request.put('/_emulator/brands/2').send({ crm_sync_url: 'http://127.0.0.1:4000/customerlookup' }).expect(200),
      async () => { t.db.sqlite.prepare("UPDATE users SET name = 'iemand' WHERE id = 1").run() },
      // The ticket the seed's call refers to: its delete sets the call's ticket to null (a row of a table the delete never names, updated).
      async () => t.request.delete('/api/v2/ticket/858496').set('apiKey', t.apiKey).expect(200),
      // Tables whose rowid is no column of theirs: the copy puts the image's rowids back too.
      async () => {
        const group = t.db.sqlite.prepare('SELECT * FROM user_groups ORDER BY rowid LIMIT 1').get() as Record<string, unknown>
        t.db.sqlite.prepare('DELETE FROM user_groups WHERE rowid = (SELECT min(rowid) FROM user_groups)').run()
        t.db.sqlite.prepare(`INSERT INTO user_groups (${Object.keys(group).join(', ')}) VALUES (${Object.keys(group).map(() => '?').join(', ')})`).run(...Object.values(group))
        t.db.sqlite.exec("UPDATE ticket_form_values SET value = 'anders'; DELETE FROM ticket_tags WHERE rowid = (SELECT max(rowid) FROM ticket_tags)")
      },
      // A row's key changed, and a write rolled back (nothing more to put back, though the change count moved).
      async () => {
        t.db.sqlite.exec('UPDATE ticket_events SET id = id + 100000 WHERE id = (SELECT max(id) FROM ticket_events)')
        expect(() => { t.db.transaction(() => { t.db.sqlite.exec("UPDATE tickets SET title = 'weg'"); throw new Error('rolled back') }) }).toThrow('rolled back')
      }
    ]
    await t.request.post('/_emulator/reset').expect(200)
    for (const write of writes) {
      await write()
      expect(dumpDatabase(t)).not.toBe(pristine)
      await t.request.post('/_emulator/reset').expect(200)
      expect(dumpDatabase(t)).toBe(pristine)
    }
    await t.request.post('/_emulator/reset').expect(200)
    expect(dumpDatabase(t)).toBe(pristine)
  })

  it('copies parents before the tables that refer to them, with foreign keys enforced all along', async () => {
    await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).send(NEW_TICKET).expect(200)
    await t.request.post('/_emulator/reset').expect(200)
    const order = copyStatements(t.db.sqlite).tables.map(({ name }) => name)
    expect(order).toContain('tickets')
    const parentsOf = t.db.sqlite.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck()
    for (const [at, name] of order.entries()) {
      for (const parent of parentsOf.all(name) as string[]) {
        if (parent !== name) expect(order.indexOf(parent), `${parent} before ${name}`).toBeLessThan(at)
      }
    }
    // The copy never turns foreign keys off (that would make SQLite prepare every statement again).
    expect(t.db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(t.db.sqlite.pragma('foreign_key_check')).toEqual([])
  })

  it('copies a large image with foreign keys off, and turns them on again', async () => {
    await t.request.post('/_emulator/reset').expect(200)
    const pristine = dumpDatabase(t)
    const image = copyStatements(t.db.sqlite)
    expect(image.rows).toBeGreaterThan(100)
    expect(image.rows).toBeLessThan(LARGE_IMAGE_ROWS)
    await t.request.delete('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.put('/_emulator/brands/2').send({ crm_sync_url: 'http://127.0.0.1:4000/customerlookup' }).expect(200)
    copyImage(t.db.sqlite, { ...image, rows: LARGE_IMAGE_ROWS + 1 }, (work) => { t.db.transaction(work) })
    expect(dumpDatabase(t)).toBe(pristine)
    expect(t.db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('after the first reset puts back only the rows written since, which temporary triggers note', async () => {
    await t.request.post('/_emulator/reset').expect(200)
    const pristine = dumpDatabase(t)
    const image = copyStatements(t.db.sqlite)
    const noted = t.db.sqlite.prepare('SELECT count(*) FROM temp.omnidesk_changed').pluck()
    expect(noted.get()).toBe(0)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('form').send({ 'ticketIDs[]': '858462', status: 'solved' }).expect(200)
    expect(noted.get()).toBeGreaterThan(0)
    const before = t.db.changeCount()
    await t.request.post('/_emulator/reset').expect(200)
    // A whole copy deletes and inserts every row of the image; this one only the ticket and its new events.
    expect(t.db.changeCount() - before).toBeLessThan(image.rows / 10)
    expect(noted.get()).toBe(0)
    expect(dumpDatabase(t)).toBe(pristine)
    // The file has no trigger of the tracking: a snapshot or a copy of it carries none.
    expect(t.db.sqlite.prepare("SELECT count(*) FROM main.sqlite_master WHERE type = 'trigger' AND name LIKE 'omnidesk_changed%'").pluck().get()).toBe(0)
  })

  it('puts a file-backed account back reset after reset, and after a snapshot was loaded into it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-reset-'))
    const f = await buildDemoApp({ DATABASE_PATH: path.join(dir, 'default.db') })
    try {
      const pristine = dumpDatabase(f)
      const snapshot = (await f.request.get('/_emulator/snapshot').expect(200)).body
      for (let round = 0; round < 3; round++) {
        if (round === 2) await f.request.post('/_emulator/snapshot').send(snapshot).expect(200)
        await f.request.put('/api/v2/ticket/858462').set('apiKey', f.apiKey).send({ title: `Ronde ${round}` }).expect(200)
        await f.request.post('/api/v2/ticket').set('apiKey', f.apiKey).send(NEW_TICKET).expect(200)
        await f.request.post('/_emulator/reset').expect(200)
        expect(dumpDatabase(f)).toBe(pristine)
      }
    } finally {
      await f.app.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('resets by opening a new database where no image file can be written', async () => {
    const tmpdir = process.env.TMPDIR
    process.env.TMPDIR = '/nonexistent/omnidesk-emulator-test'
    try {
      await t.request.put('/_accounts/notmp/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'weg ermee' }).expect(200)
      await t.request.post('/_accounts/notmp/_emulator/reset').expect(200)
      expect((await t.request.get('/_accounts/notmp/api/v2/ticket/858462').set('apiKey', t.apiKey)).body.item.title).toBe('vraag van Thomas')
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = tmpdir
    }
  })

  it('resets only the account it addresses', async () => {
    await t.request.put('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'acme' }).expect(200)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'default' }).expect(200)
    await t.request.post('/_accounts/acme/_emulator/reset').expect(200)
    expect((await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey)).body.item.title).toBe('vraag van Thomas')
    expect((await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey)).body.item.title).toBe('default')
  })

  it('exports a snapshot and loads it into another account', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'Uit de snapshot' }).expect(200)
    const snapshot = (await t.request.get('/_emulator/snapshot').expect(200)).body
    expect(snapshot.tickets.length).toBe(readDemoSeed().tickets?.length)
    // Chat account tokens are keys: masked like the API keys, and skipped when loaded back.
    expect(snapshot.chat_accounts.map((a: { token: string }) => a.token)).toEqual(['***', '***', '***'])
    await t.request.post('/_accounts/fixture/_emulator/snapshot').send(snapshot).expect(200)
    expect((await t.request.get('/_accounts/fixture/api/v2/ticket/858462').set('apiKey', t.apiKey)).body.item.title).toBe('Uit de snapshot')
  })

  it('refuses a bad snapshot with a clear error and keeps the old state', async () => {
    const before = dumpDatabase(t)
    const snapshot = (await t.request.get('/_emulator/snapshot').expect(200)).body
    snapshot.tickets[0].status = 'archived'
    const res = await t.request.post('/_emulator/snapshot').send(snapshot).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringMatching(/^The snapshot was not loaded: tickets\[0\]\.status must be one of/) })
    const notJson = await t.request.post('/_emulator/snapshot').send([1, 2]).expect(400)
    expect(notJson.body.status).toBe('error')
    expect(dumpDatabase(t)).toBe(before)
  })
})
