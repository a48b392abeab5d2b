// Nothing grows without bound, and no request blocks the others.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_OPEN_FILES } from '../../src/account/registry.js'
import { HEADERS_TIMEOUT, REQUEST_TIMEOUT } from '../../src/app.js'
import { JOURNAL_BODY_LIMIT, JOURNAL_BYTES } from '../../src/account/journal.js'
import { INLINE_IMPORT_LIMIT } from '../../src/snapshot-import.js'
import { Outbox, type Tracked } from '../../src/account/outbox.js'
import { Webhooks } from '../../src/account/webhooks.js'
import { WEBHOOK_QUEUE_LIMIT as QUEUE_LIMIT } from '../../src/limits.js'
import { buildDemoApp, buildTestApp, type TestApp } from '../helpers.js'

const openFiles = () => fs.readdirSync('/proc/self/fd').length

describe('bounds', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('caps the accounts in use (MAX_ACCOUNTS) with a clear error, and never fails the health check for it', async () => {
    t = await buildDemoApp({ MAX_ACCOUNTS: '3' })
    await t.request.get('/_accounts/one/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/_accounts/two/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    const full = await t.request.get('/_accounts/three/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(503)
    expect(full.body).toStrictEqual({ status: 'error', message: '3 accounts are in use (MAX_ACCOUNTS): drop one with DELETE /_emulator/accounts/{account}, or raise MAX_ACCOUNTS.' })
    await t.request.get('/_emulator/health').set('host', 'three.localhost').expect(200)
    await t.request.delete('/_emulator/accounts/one').expect(200)
    await t.request.get('/_accounts/three/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
  })

  it('keeps at most MAX_OPEN_FILES account files open, opening a closed one again with its data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-lru-'))
    t = await buildDemoApp({ DATABASE_PATH: path.join(dir, 'omnidesk.db'), MAX_ACCOUNTS: '1000' })
    try {
      await t.request.put('/_accounts/first/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'kept on disk' }).expect(200)
      const before = openFiles()
      for (let i = 0; i < MAX_OPEN_FILES + 40; i++) await t.request.get(`/_accounts/a${i}/_emulator/clock`).expect(200)
      // Each open account file holds its database and its WAL: far fewer than 240 accounts' worth now.
      expect(openFiles() - before).toBeLessThanOrEqual(MAX_OPEN_FILES * 2 + 10)
      const { body } = await t.request.get('/_accounts/first/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
      expect(body.item.title).toBe('kept on disk')
    } finally {
      await t.app.close()
      fs.rmSync(dir, { recursive: true, force: true })
      t = await buildTestApp()
    }
  }, 60_000)

  it('keeps the journal readable and within its bytes when bodies are huge', async () => {
    t = await buildDemoApp()
    const huge = 'x'.repeat(1024 * 1024)
    for (let i = 0; i < 24; i++) await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: huge }).expect(400)
    const { body } = await t.request.get('/_emulator/requests').expect(200)
    expect(body.requests.length).toBeGreaterThan(5)
    expect(body.requests.at(-1).body).toMatchObject({ truncated: true, start: expect.any(String) })
    expect(body.requests.at(-1).body.start.length).toBe(JOURNAL_BODY_LIMIT)
    expect(t.account.journal.usage.bytes).toBeLessThanOrEqual(JOURNAL_BYTES)
    // Sent chunked, without a Content-Length, a body is measured and cut all the same.
    const chunked = t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).set('content-type', 'application/json').set('transfer-encoding', 'chunked')
    chunked.write(JSON.stringify({ title: huge }))
    await chunked.expect(400)
    const last = (await t.request.get('/_emulator/requests?limit=1000').expect(200)).body.requests.at(-1)
    expect(last.body).toMatchObject({ truncated: true })
    const page = await t.request.get('/_emulator/requests?limit=2').expect(200)
    expect(page.body.requests).toHaveLength(2)
    const next = await t.request.get(`/_emulator/requests?limit=2&after=${page.body.requests[1].id}`).expect(200)
    expect(next.body.requests[0].id).toBeGreaterThan(page.body.requests[1].id)
    expect((await t.request.get('/requests').expect(200)).text).toContain('newest first')
  }, 30_000)

  it('refuses a title over 1000 characters and a message over 1,000,000, naming the field', async () => {
    t = await buildDemoApp()
    const title = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'x'.repeat(1001) }).expect(400)
    expect(title.body.message).toBe("The field 'title' must be at most 1000 characters long.")
    const fromName = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ to: 'service@mybrand.com', from: 'a@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'x', fromName: 'n'.repeat(1001) }).expect(400)
    expect(fromName.body.message).toBe("The field 'fromName' must be at most 1000 characters long.")
    const message = await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 0, message: 'x'.repeat(1_000_001) }).expect(400)
    expect(message.body.message).toBe("The field 'message' must be at most 1000000 characters long.")
  })

  it('reads multipart files as they stream and drops them; one over 10 MiB is a 413', async () => {
    t = await buildDemoApp()
    const file = Buffer.alloc(9 * 1024 * 1024, 1)
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey).field('ticketID', '858462').field('type', '0').field('message', 'met bijlagen')
      .attach('files[]', file, 'a.bin').attach('files[]', file, 'b.bin').expect(200)
    const big = await t.request.post('/api/v2/message').set('apiKey', t.apiKey).field('ticketID', '858462').field('type', '0').field('message', 'te groot')
      .attach('files[]', Buffer.alloc(11 * 1024 * 1024, 1), 'c.bin').expect(413)
    expect(big.body.message).toBe('An uploaded file is too large: at most 10 MiB each.')
  }, 30_000)

  it('closes slow clients: timeouts for the headers and the whole request', async () => {
    t = await buildDemoApp()
    expect(t.app.server.headersTimeout).toBe(HEADERS_TIMEOUT)
    expect(t.app.server.requestTimeout).toBe(REQUEST_TIMEOUT)
  })

  it('drops the oldest waiting webhook deliveries past QUEUE_LIMIT per endpoint, and counts them', async () => {
    t = await buildTestApp()
    // A receiver that passes the OPTIONS check, then never answers a POST.
    const hanging: http.ServerResponse[] = []
    const receiver = http.createServer((req, res) => {
      if (req.method === 'OPTIONS') res.writeHead(204, { allow: 'POST' }).end()
      else hanging.push(res)
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const webhooks = new Webhooks(0.01, 100_000)
    try {
      const hook = await webhooks.add({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` }, 'now')
      const payload = { type: 'ticket.created', timestamp: 'now', data: { ticket: null, changes: {}, item_id: null } }
      for (let i = 0; i < QUEUE_LIMIT + 250; i++) webhooks.send(payload, 1)
      const listed = webhooks.list().find((w) => w.id === hook.id)
      expect(listed?.dropped).toBe(249)
      expect(webhooks.deliveries().filter((d) => d.state === 'dropped')).toHaveLength(249)
    } finally {
      webhooks.clear()
      for (const res of hanging) res.destroy()
      receiver.closeAllConnections()
      await new Promise((resolve) => receiver.close(resolve))
    }
  })

  it('bounds the deliveries waiting in all of an outbox\'s queues (one per chat server), dropping new ones past it', async () => {
    const hanging: http.ServerResponse[] = []
    const receiver = http.createServer((_req, res) => { hanging.push(res) })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
    let dropped = 0
    const outbox = new Outbox<Tracked>({ retryFactor: 0.01, limit: 1000, waitingLimit: 5, dropped: () => { dropped++ } })
    try {
      // Three chat servers, five deliveries each: a's first is under way and four wait, b's first is under
      // way and one more waits (five waiting in all), the rest are dropped, c's too.
      for (const server of ['a', 'b', 'c']) {
        for (let i = 0; i < 5; i++) outbox.enqueue(server, { delivery: { state: 'pending', attempts: [] }, url: `${url}/${server}`, body: '{}', headers: () => ({}) })
      }
      expect(dropped).toBe(8)
      expect(outbox.deliveries().filter((d) => d.state === 'dropped')).toHaveLength(8)
    } finally {
      outbox.clear()
      for (const res of hanging) res.destroy()
      receiver.closeAllConnections()
      await new Promise((resolve) => receiver.close(resolve))
    }
  })

  it('refuses webhook URLs outside a local setup unless WEBHOOK_HOSTS allows them', async () => {
    t = await buildDemoApp()
    for (const url of ['http://example.com/hook', 'http://10.0.0.1:8080/hook', 'http://169.254.169.254/latest']) {
      const res = await t.request.post('/_emulator/webhooks').send({ url }).expect(400)
      expect(res.body.message).toContain('Webhooks go only to hosts of a local setup')
    }
    const local = await t.request.post('/_emulator/webhooks').send({ url: 'http://receiver.internal:9/hook' }).expect(400)
    expect(local.body.message).toContain('did not answer the OPTIONS check')
    await t.app.close()
    t = await buildDemoApp({ WEBHOOK_HOSTS: '*.example.com' })
    const allowed = await t.request.post('/_emulator/webhooks').send({ url: 'http://hooks.example.com:9/x' }).expect(400)
    expect(allowed.body.message).toContain('did not answer the OPTIONS check')
  })
})

describe('no request blocks the others', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('50 waiting long-polls cost the API nothing, and each ends when its match comes', async () => {
    t = await buildDemoApp()
    const polls = Array.from({ length: 50 }, (_, i) => t.request.get(`/_emulator/requests?path=/api/v2/ticket/${858462 + (i % 5)}&count=2&wait=20000`))
    const waiting = Promise.all(polls.map((p) => p.then((res) => res)))
    await new Promise((resolve) => setTimeout(resolve, 100))
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await t.request.get(`/api/v2/ticket/${858462 + i}`).set('apiKey', t.apiKey).expect(200)
    }
    const answers = await waiting
    expect(answers.every((res) => res.status === 200 && res.body.requests.length === 2)).toBe(true)
  }, 30_000)

  it('imports a large snapshot in a worker, all or nothing, while the emulator goes on answering', async () => {
    t = await buildDemoApp()
    const snapshot = (await t.request.get('/_emulator/snapshot').expect(200)).body
    const padding = 'p'.repeat(INLINE_IMPORT_LIMIT)
    snapshot.tickets[0].title = 'Uit de snapshot'
    const large = JSON.stringify({ ...snapshot, tags: [...snapshot.tags, { id: 999_999, name: padding }] })
    expect(large.length).toBeGreaterThan(INLINE_IMPORT_LIMIT)
    const importing = t.request.post('/_emulator/snapshot').set('content-type', 'application/json').send(large)
    const during = await t.request.get('/_emulator/health').expect(200)
    expect(during.body).toStrictEqual({ status: 'ok' })
    await importing.expect(200)
    const id = snapshot.tickets[0].id
    expect((await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(200)).body.item.title).toBe('Uit de snapshot')
    const broken = JSON.stringify({ ...snapshot, tickets: [{ ...snapshot.tickets[0], brand_id: 424242 }], tags: [{ id: 1, name: padding }] })
    const refused = await t.request.post('/_emulator/snapshot').set('content-type', 'application/json').send(broken).expect(400)
    expect(refused.body.message).toMatch(/^The snapshot was not loaded: /)
    expect((await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(200)).body.item.title).toBe('Uit de snapshot')
  }, 30_000)
})
