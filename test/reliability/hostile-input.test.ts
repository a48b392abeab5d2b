import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'
import { type Permission, PERMISSIONS } from '../../src/domain/vocabulary.js'

describe('hostile input and limits', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const expectRejected = async (res: { status: number, body: { status?: string, message?: unknown } }, status: number, before: string) => {
    expect(res.status).toBe(status)
    expect(res.body.status).toBe('error')
    expect(typeof res.body.message).toBe('string')
    expect(dumpDatabase(t)).toBe(before)
  }

  it('refuses a body over the limit with 413 and the envelope', async () => {
    const before = dumpDatabase(t)
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).type('json').send(JSON.stringify({ title: 'x'.repeat(6 * 1024 * 1024) }))
    await expectRejected(res, 413, before)
    expect(res.body.message).toBe('The request body is too large: at most 5 MiB.')
  })

  it('refuses too many form fields and too long lists with 413', async () => {
    const before = dumpDatabase(t)
    const fields = Array.from({ length: 20_001 }, (_, i) => `f${i}=1`).join('&')
    await expectRejected(await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('form').send(fields), 413, before)
    const ids = Array.from({ length: 10_001 }, (_, i) => `ticketIDs[]=${i + 1}`).join('&') + '&status=open'
    await expectRejected(await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('form').send(ids), 413, before)
  })

  it('refuses too many files and too large files in multipart bodies', async () => {
    const before = dumpDatabase(t)
    const many = t.request.post('/api/v2/message').set('apiKey', t.apiKey).field('ticketID', '858462').field('type', '0').field('message', 'Met bijlagen')
    for (let i = 0; i < 21; i++) many.attach(`file${i}`, Buffer.from('x'), `f${i}.txt`)
    await expectRejected(await many, 413, before)
    const large = await t.request.post('/api/v2/message').set('apiKey', t.apiKey).field('ticketID', '858462').field('type', '0')
      .field('message', 'Met bijlage').attach('file', Buffer.alloc(11 * 1024 * 1024), 'big.bin')
    expect([413]).toContain(large.status)
    expect(large.body.status).toBe('error')
    expect(dumpDatabase(t)).toBe(before)
  })

  it('refuses malformed multipart and JSON bodies with 400', async () => {
    const before = dumpDatabase(t)
    const broken = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .set('content-type', 'multipart/form-data; boundary=XYZ').send('--XYZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nno end')
    expect(broken.status).toBeGreaterThanOrEqual(400)
    expect(broken.status).toBeLessThan(500)
    expect(broken.body.status).toBe('error')
    await expectRejected(await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey).type('json').send('{"title": "x",'), 400, before)
    expect(dumpDatabase(t)).toBe(before)
  })

  it('ignores prototype-pollution keys in forms and refuses them in JSON', async () => {
    const before = dumpDatabase(t)
    const form = '__proto__[status]=closed&constructor[prototype][status]=closed&ticketIDs[]=858462'
    await expectRejected(await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('form').send(form), 400, before)
    expect(({} as Record<string, unknown>).status).toBeUndefined()
    const json = '{"ticketIDs":[858462],"status":"open","__proto__":{"polluted":true}}'
    await expectRejected(await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('json').send(json), 400, before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses arrays where a scalar belongs', async () => {
    const before = dumpDatabase(t)
    await expectRejected(await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: ['open', 'closed'] }), 400, before)
    const res = await t.request.get('/api/v2/ticket?status[]=open&status[]=new').set('apiKey', t.apiKey)
    expect(res.status).toBe(400)
    expect(res.body.message).toContain("'status'")
  })

  it('treats SQL and control characters as plain text', async () => {
    const title = "'); DROP TABLE tickets; --\u0000\u202e\u{1F600}"
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title }).expect(200)
    const { body } = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(body.item.title).toBe(title)
    const found = await t.request.get('/api/v2/ticket').query({ apiKey: t.apiKey, query: 'DROP TABLE' }).expect(200)
    expect(found.body.itemTotal).toBe(1)
  })

  it('never writes the API key to the log', async () => {
    const lines: string[] = []
    await t.app.close()
    const { buildApp } = await import('../../src/app.js')
    const { loadConfig } = await import('../../src/config.js')
    const { default: supertest } = await import('supertest')
    const stream = { write: (line: string) => { lines.push(line) } }
    const app = await buildApp({ config: loadConfig({ DATABASE_PATH: ':memory:', API_KEY: 'secret-key-123' }), logger: { level: 'info', stream } })
    await app.ready()
    await supertest(app.server).get('/api/v2/ticket/858462?apiKey=secret-key-123').expect(200)
    await supertest(app.server).get('/api/v2/ticket/858462').set('apiKey', 'secret-key-123').expect(200)
    await app.close()
    expect(lines.join('')).toContain('apiKey=***')
    expect(lines.join('')).not.toContain('secret-key-123')
    t = await buildDemoApp()
  })
})

describe('the permission matrix', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const ENDPOINTS: Array<{ name: string, needs: Permission, send: (t: TestApp, key: string) => Promise<{ status: number, body: { message?: string } }> }> = [
    { name: 'GET ticket', needs: 'TICKET_READ', send: (t, key) => t.request.get('/api/v2/ticket/858462').set('apiKey', key) },
    { name: 'GET list', needs: 'TICKET_READ', send: (t, key) => t.request.get('/api/v2/ticket').set('apiKey', key) },
    { name: 'POST ticket', needs: 'TICKET_CREATE', send: (t, key) => t.request.post('/api/v2/ticket').set('apiKey', key).send({ to: 'a@b.nl', from: 'c@d.nl', direction: 'inbound', channelID: 1, brandID: 2, title: 'x' }) },
    { name: 'PUT ticket', needs: 'TICKET_UPDATE', send: (t, key) => t.request.put('/api/v2/ticket/858462').set('apiKey', key).send({ title: 'y' }) },
    { name: 'setpriority', needs: 'TICKET_UPDATE', send: (t, key) => t.request.post('/api/v2/ticket/setpriority').set('apiKey', key).send({ ticketIDs: [858462], priority: 'high' }) },
    { name: 'setstatus', needs: 'SET_STATUS', send: (t, key) => t.request.post('/api/v2/ticket/setstatus').set('apiKey', key).send({ ticketIDs: [858462], status: 'open' }) },
    { name: 'message', needs: 'MESSAGE_CREATE', send: (t, key) => t.request.post('/api/v2/message').set('apiKey', key).send({ ticketID: 858462, type: 0, message: 'Een notitie' }) }
  ]

  it('lets each endpoint through with exactly its permission, and 403s every other key', async () => {
    const keys = PERMISSIONS.map((permission) => ({ permission, key: `key-${permission.toLowerCase()}` }))
    const snapshot = (await t.request.get('/_emulator/snapshot')).body
    snapshot.api_keys.push(...keys.map(({ permission, key }, i) => ({ id: 100 + i, name: permission, key, permissions: [permission] })))
    await t.request.post('/_emulator/snapshot').send(snapshot).expect(200)
    for (const endpoint of ENDPOINTS) {
      for (const { permission, key } of keys) {
        const res = await endpoint.send(t, key)
        if (permission === endpoint.needs) expect(res.status, `${endpoint.name} with ${permission}`).toBe(200)
        else {
          expect(res.status, `${endpoint.name} with ${permission}`).toBe(403)
          expect(res.body.message).toContain(endpoint.needs)
        }
      }
      expect((await endpoint.send(t, 'no-such-key')).status).toBe(401)
    }
  })
})

describe('regressions found by fuzzing', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('answers a path with an undecodable percent sign with the envelope (fuzz seed 7)', async () => {
    const res = await t.request.put('/api/v2/ticket/"y%}').set('apiKey', t.apiKey).send({ status: 'pending' }).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('URL') })
  })
})
