import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.js'
import { readDemoSeed, readSeed } from '../src/account/seed.js'
import { exportSnapshot, loadSnapshot, SnapshotError } from '../src/stores/snapshot.js'
import { buildTestApp, type TestApp } from './helpers.js'

describe('the demo seed', () => {
  it('loads into a fresh database and holds a realistic account', () => {
    const db = openDatabase(':memory:')
    loadSnapshot(db, readDemoSeed())
    const count = (sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n
    expect(count('SELECT count(*) AS n FROM brands')).toBeGreaterThanOrEqual(2)
    expect(count('SELECT count(*) AS n FROM groups')).toBeGreaterThanOrEqual(4)
    expect(count('SELECT count(*) AS n FROM users')).toBeGreaterThanOrEqual(6)
    expect(count('SELECT count(*) AS n FROM customers WHERE merged_into_id IS NULL')).toBeGreaterThanOrEqual(20)
    expect(count('SELECT count(*) AS n FROM tickets')).toBeGreaterThanOrEqual(30)
    expect(count('SELECT count(DISTINCT status) AS n FROM tickets')).toBe(6)
    expect(count("SELECT count(*) AS n FROM ticket_messages WHERE type = 'note'")).toBeGreaterThan(5)
    expect(count("SELECT count(*) AS n FROM ticket_messages WHERE type = 'message'")).toBeGreaterThan(20)
    expect(count('SELECT count(*) AS n FROM ticket_events')).toBeGreaterThan(30)
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([])
    expect(db.sqlite.prepare("SELECT permissions FROM api_keys WHERE name = 'read-only'").get()).toEqual({ permissions: '["TICKET_READ"]' })
  })

  it('round-trips through export and load unchanged', () => {
    const db = openDatabase(':memory:')
    loadSnapshot(db, readDemoSeed())
    const exported = exportSnapshot(db, { includeKeys: true })
    const copy = openDatabase(':memory:')
    loadSnapshot(copy, JSON.parse(JSON.stringify(exported)))
    expect(exportSnapshot(copy, { includeKeys: true })).toStrictEqual(exported)
  })
})

describe('loadSnapshot', () => {
  const base = () => structuredClone(readDemoSeed())

  it.each([
    ['an unknown table', (s: Record<string, unknown[]>) => { s.widgets = [] }, /Unknown table 'widgets'/],
    ['an unknown field', (s: Record<string, Array<Record<string, unknown>>>) => { s.brands![0]!.colour = 'red' }, /brands\[0\] has an unknown field 'colour'/],
    ['a bad status', (s: Record<string, Array<Record<string, unknown>>>) => { s.tickets![0]!.status = 'done' }, /tickets\[0\]\.status must be one of/],
    ['a bad date', (s: Record<string, Array<Record<string, unknown>>>) => { s.tickets![0]!.created_at = 'today' }, /created_at must be a date-time/],
    ['a missing field', (s: Record<string, Array<Record<string, unknown>>>) => { delete s.tickets![0]!.title }, /tickets\[0\]\.title is required/],
    ['a broken reference', (s: Record<string, Array<Record<string, unknown>>>) => { s.tickets![0]!.brand_id = 99 }, /refer to something that does not exist/],
    ['a duplicate id', (s: Record<string, Array<Record<string, unknown>>>) => { s.brands!.push({ ...s.brands![0] }) }, /UNIQUE constraint failed/]
  ])('refuses %s, naming it, and keeps the old data', (_, spoil, message) => {
    const db = openDatabase(':memory:')
    loadSnapshot(db, readDemoSeed())
    const before = JSON.stringify(exportSnapshot(db))
    const snapshot = base()
    spoil(snapshot as never)
    expect(() => loadSnapshot(db, snapshot)).toThrow(SnapshotError)
    expect(() => loadSnapshot(db, snapshot)).toThrow(message)
    expect(JSON.stringify(exportSnapshot(db))).toBe(before)
  })
})

describe('SEED', () => {
  let t: TestApp | undefined
  const dirs: string[] = []
  afterEach(async () => {
    await t?.app.close()
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('seeds an empty database with the demo on start, and not at all when false', async () => {
    t = await buildTestApp({ SEED: 'true' })
    const res = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(res.body.item.title).toBe('vraag van Thomas')
    await t.app.close()
    t = await buildTestApp({ SEED: 'false' })
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(404)
  })

  it('takes the user\'s own seed file, and the configured key still works', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-seed-'))
    dirs.push(dir)
    const file = path.join(dir, 'mine.json')
    // Only the documented ticket: the chats, calls, mails and form values of the other tickets go with them.
    const { tickets, ticket_events: events, ticket_messages: messages, chat_sessions: _chats, calls: _calls, inbound_emails: _mails, ticket_form_values: _values, ...rest } = readDemoSeed()
    fs.writeFileSync(file, JSON.stringify({ ...rest, tickets: tickets!.filter((x) => x.id === 858462), ticket_events: events!.filter((x) => x.ticket_id === 858462), ticket_messages: messages!.filter((x) => x.ticket_id === 858462), ticket_tags: [] }))
    expect(Object.keys(readSeed(file))).toContain('tickets')
    t = await buildTestApp({ SEED: file })
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/api/v2/ticket/858463').set('apiKey', t.apiKey).expect(404)
  })

  it('keeps a file database\'s data across restarts and does not seed it twice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-db-'))
    dirs.push(dir)
    const file = path.join(dir, 'omnidesk.db')
    t = await buildTestApp({ SEED: 'true', DATABASE_PATH: file })
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'Bewaard' }).expect(200)
    await t.app.close()
    t = await buildTestApp({ SEED: 'true', DATABASE_PATH: file })
    const res = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(res.body.item.title).toBe('Bewaard')
    expect(t.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
  })
})
