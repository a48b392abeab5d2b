// Safe to run on a laptop and in a shared CI network: no request kills it, no other origin or host
// drives it, no key is handed out.
import { afterEach, describe, expect, it } from 'vitest'
import { hostAllowed } from '../../src/hosts.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

const ESCAPES = ['%', '%zz', '%E0%A4%A', '%%', '%C0%80', '%00', '%2', '%FF%FE']

describe('malformed escapes', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('never take the process down: every route shape, the account prefix, the query', async () => {
    t = await buildDemoApp()
    // The inbox's event stream never ends by design (test/routes/ui-live.test.ts reads it).
    const shapes = [...new Set(t.app.routeList.map((route) => route.split(' ')[1] ?? '/'))].filter((shape) => !shape.endsWith('/events'))
    expect(shapes.length).toBeGreaterThan(20)
    for (const escape of ESCAPES) {
      const paths = [
        `/_accounts/${escape}/api/v2/ticket/858462`,
        `/_accounts/${escape}`,
        ...shapes.map((shape) => shape.replace(/:[^/]+|\*/g, escape)),
        ...shapes.map((shape) => `/_accounts/acme${shape.replace(/:[^/]+|\*/g, escape)}?${escape}=${escape}`)
      ]
      for (const path of paths) {
        for (const method of ['get', 'post', 'delete'] as const) {
          const res = await t.request[method](path).set('apiKey', t.apiKey)
          // A 501 names an endpoint not emulated yet; nothing may be a 500, let alone a crash.
          expect(res.status, `${method} ${path}`).not.toBe(500)
          if (res.status >= 400 && res.type === 'application/json') expect(res.body).toStrictEqual({ status: 'error', message: expect.any(String) })
        }
      }
    }
    const bad = await t.request.get('/_accounts/%/api/v2/ticket/858462').expect(400)
    expect(bad.body.message).toContain('is not an account name')
    await t.request.get('/_emulator/health').expect(200)
  }, 120_000)

  it('never echo the API key of an undecodable URL', async () => {
    t = await buildDemoApp()
    const res = await t.request.get('/api/v2/ticket/%zz?apiKey=secret-key-123').expect(400)
    expect(JSON.stringify(res.body)).not.toContain('secret-key-123')
  })
})

describe('other origins (CSRF)', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('refuse a form to the control API, and any change from another origin, leaving everything as it was', async () => {
    t = await buildDemoApp()
    const before = dumpDatabase(t)
    const form = await t.request.post('/_emulator/reset').type('form').send('seed=false').expect(415)
    expect(form.body.message).toBe('The control API takes JSON only: send Content-Type: application/json (or no body).')
    await t.request.post('/_emulator/webhooks').field('url', 'http://127.0.0.1:9/x').expect(415)
    for (const [method, path] of [['post', '/_emulator/reset'], ['post', '/_emulator/clock/advance'], ['put', '/_emulator/rate-limit'], ['post', '/api/v2/ticket/setstatus'], ['delete', '/_emulator/accounts/default']] as const) {
      const res = await t.request[method](path).set('origin', 'http://localhost:4300').set('apiKey', t.apiKey).send({ seconds: 60, limit: '1/1s', ticketIDs: [858462], status: 'open' }).expect(403)
      expect(res.body.message).toContain('another origin (http://localhost:4300)')
    }
    await t.request.post('/_emulator/reset').set('origin', 'null').expect(403)
    await t.request.post('/_emulator/reset').set('sec-fetch-site', 'same-site').expect(403)
    expect(dumpDatabase(t)).toBe(before)
    expect((await t.request.get('/_emulator/clock').expect(200)).body.now).toBe('2019-09-28 22:08:14')
  })

  it('let the emulator\'s own pages and clients without an Origin through, and grant no other origin in OPTIONS', async () => {
    t = await buildDemoApp()
    await t.request.post('/_emulator/clock/advance').set('host', 'localhost:3000').set('origin', 'http://localhost:3000').send({ seconds: 60 }).expect(200)
    await t.request.post('/_emulator/clock/advance').send({ seconds: 60 }).expect(200)
    const options = await t.request.options('/_emulator/reset').set('origin', 'http://localhost:4300').set('access-control-request-method', 'POST')
    expect(options.status).toBe(204)
    expect(options.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('hosts (DNS rebinding)', () => {
  it('serves only the hosts a user means', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'acme.localhost:3000', 'omnidesk:3000', 'host.docker.internal:3000', '10.1.2.3', 'LOCALHOST.']) {
      expect(hostAllowed(host, []), host).toBe(true)
    }
    expect(hostAllowed('', []), 'no Host header (no browser sends none)').toBe(true)
    for (const host of ['evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.io', 'attacker.com']) {
      expect(hostAllowed(host, []), host).toBe(false)
    }
    expect(hostAllowed('api.omnidesk.test', ['*.omnidesk.test'])).toBe(true)
    expect(hostAllowed('omnidesk.test', ['omnidesk.test'])).toBe(true)
    expect(hostAllowed('anything.example', ['*'])).toBe(true)
  })

  it('answers another host 403 in the envelope, before any account is touched', async () => {
    const t = await buildDemoApp()
    const res = await t.request.get('/_accounts/default/api/v2/ticket/858462').set('host', 'rebind.attacker.example').set('apiKey', t.apiKey).expect(403)
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining("The host 'rebind.attacker.example' is not one this emulator serves") })
    await t.request.get('/_emulator/health').set('host', 'omnidesk:3000').expect(200)
    expect(t.app.accounts.names()).toEqual(['default'])
    await t.app.close()
  })

  it('serves the hosts of ALLOWED_HOSTS too', async () => {
    const t = await buildDemoApp({ ALLOWED_HOSTS: 'omnidesk.test, *.omnidesk.test' })
    await t.request.get('/api/v2/ticket/858462').set('host', 'omnidesk.test').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('host', 'acme.omnidesk.test').set('apiKey', t.apiKey).expect(200)
    expect(t.app.accounts.names()).toContain('acme')
    await t.app.close()
  })
})

describe('keys are never handed out', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('the inbox works through its own same-origin session, with no key in the page', async () => {
    t = await buildDemoApp()
    const page = await t.request.get('/tickets/858462').set('host', 'localhost:3000').expect(200)
    expect(page.text).not.toContain(t.apiKey)
    expect(page.text).not.toContain('omnidesk-api-key')
    const cookie = (page.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? ''
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/)
    const same = { host: 'localhost:3000', origin: 'http://localhost:3000', cookie }
    await t.request.post('/api/v2/ticket/setstatus').set(same).send({ ticketIDs: [858462], status: 'open' }).expect(200)
    const history = await t.request.get('/api/v2/ticket/858462?getTicketHistory=1').set('apiKey', t.apiKey).expect(200)
    expect(history.body.item.timeline.filter((i: { type: string }) => i.type === 'event').at(-1)).toMatchObject({ item_type: 'status', item_type_id: 'open', initiated_by: 'api: default' })
    // The cookie alone is no key: not from another origin, not without an origin, not a forged one.
    await t.request.post('/api/v2/ticket/setstatus').set({ ...same, origin: 'http://localhost:4300' }).send({ ticketIDs: [858462], status: 'closed' }).expect(403)
    await t.request.post('/api/v2/ticket/setstatus').set({ host: 'localhost:3000', cookie }).send({ ticketIDs: [858462], status: 'closed' }).expect(401)
    await t.request.post('/api/v2/ticket/setstatus').set({ ...same, cookie: 'omnidesk_emulator_session=forged' }).send({ ticketIDs: [858462], status: 'closed' }).expect(401)
  })

  it('an export masks the keys unless asked, and a masked import keeps the configured key working', async () => {
    t = await buildDemoApp()
    const exported = (await t.request.get('/_emulator/snapshot').expect(200)).body
    expect(exported.api_keys.length).toBeGreaterThan(1)
    expect(exported.api_keys.every((k: { key: string }) => k.key === '***')).toBe(true)
    expect(JSON.stringify(exported)).not.toContain(t.apiKey)
    const clear = (await t.request.get('/_emulator/snapshot?includeKeys=true').expect(200)).body
    expect(clear.api_keys.map((k: { key: string }) => k.key)).toContain(t.apiKey)
    await t.request.post('/_emulator/snapshot').send(exported).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
  })

  it('the journal masks every header and parameter that can carry a secret', async () => {
    t = await buildDemoApp()
    await t.request.get('/api/v2/ticket/858462?token=t0k3n').set({ apiKey: t.apiKey, authorization: 'Bearer s3cret', 'x-api-key': 'k3y', cookie: 'a=b' }).expect(200)
    const [entry] = (await t.request.get('/_emulator/requests').expect(200)).body.requests
    expect(entry.headers).toMatchObject({ apikey: '***', authorization: '***', 'x-api-key': '***', cookie: '***' })
    expect(entry.query.token).toBe('***')
    expect(JSON.stringify(entry)).not.toMatch(/s3cret|k3y|t0k3n|test-key/)
  })
})

describe('CONTROL_TOKEN', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })
  const TOKEN = 'a-control-token-of-some-length'

  it('guards the control API and the inbox, not the health check or the API', async () => {
    t = await buildDemoApp({ CONTROL_TOKEN: TOKEN })
    const refused = await t.request.post('/_emulator/reset').expect(401)
    expect(refused.body.message).toContain('CONTROL_TOKEN')
    await t.request.get('/').expect(401)
    await t.request.get('/_emulator/snapshot').set('authorization', 'Bearer wrong-token-wrong-token').expect(401)
    await t.request.get('/_emulator/health').expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.post('/_emulator/clock/advance').set('authorization', `Bearer ${TOKEN}`).send({ seconds: 1 }).expect(200)
    await t.request.get('/_emulator/clock').set('x-control-token', TOKEN).expect(200)
  })

  it('opens the inbox once with ?token=, then by its session cookie, dropping the token from the address', async () => {
    t = await buildDemoApp({ CONTROL_TOKEN: TOKEN })
    const open = await t.request.get(`/tickets/858462?token=${TOKEN}`).set('host', 'localhost:3000').expect(303)
    expect(open.headers.location).toBe('/tickets/858462')
    const cookie = (open.headers['set-cookie'] as unknown as string[])[0]?.split(';')[0] ?? ''
    await t.request.get('/tickets/858462').set({ host: 'localhost:3000', cookie, 'sec-fetch-site': 'same-origin' }).expect(200)
    // Typed into the address bar later (no Origin, Sec-Fetch-Site: none): the session still opens it.
    await t.request.get('/').set({ host: 'localhost:3000', cookie, 'sec-fetch-site': 'none' }).expect(200)
    // A change needs the page's own origin as well.
    await t.request.post('/_emulator/clock/advance').set({ host: 'localhost:3000', cookie }).send({ seconds: 1 }).expect(401)
    await t.request.put('/_emulator/clock').set({ host: 'localhost:3000', origin: 'http://localhost:3000', cookie }).send({ now: '2020-01-01 00:00:00' }).expect(200)
  })
})

describe('inbox response headers', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('keep remote content out of HTML mail until asked, and the pages out of frames', async () => {
    t = await buildDemoApp()
    await t.request.post('/api/v2/message').set('apiKey', t.apiKey)
      .send({ ticketID: 858462, type: 1, message: '<p>Hallo <img src="https://tracker.example/pixel.gif"></p>', toAddress: 'thomas@omnidesk.nl' }).expect(200)
    const page = await t.request.get('/tickets/858462').expect(200)
    const policy = page.headers['content-security-policy'] ?? ''
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("img-src 'self' data:")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toMatch(/script-src 'nonce-[^']+'/)
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    const button = /data-src="([^"]+remote=1)"/.exec(page.text)
    expect(button?.[1]).toBeDefined()
    const blocked = await t.request.get((button?.[1] ?? '').replace('?remote=1', '')).expect(200)
    expect(blocked.headers['content-security-policy']).toContain('img-src data:;')
    const loaded = await t.request.get(button?.[1] ?? '').expect(200)
    expect(loaded.headers['content-security-policy']).toContain('img-src data: http: https:')
    expect(loaded.headers['content-security-policy']).toContain('sandbox')
    expect(loaded.text).toContain('tracker.example')
  })
})
