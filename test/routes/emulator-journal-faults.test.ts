import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, buildTestApp, dumpDatabase, type TestApp } from '../helpers.js'

describe('the request journal', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('keeps what was sent and answered, parsed, with the API key masked', async () => {
    await t.request.post(`/api/v2/ticket/setstatus?apiKey=${t.apiKey}`).type('form').send('ticketIDs[]=858462&status=open').expect(200)
    await t.request.get('/api/v2/ticket/1').set('apiKey', t.apiKey).expect(404)
    await t.request.get('/_emulator/health').expect(200)
    const { body } = await t.request.get('/_emulator/requests').expect(200)
    expect(body.requests).toHaveLength(2)
    const [first, second] = body.requests
    expect(first).toMatchObject({
      id: 1,
      at: '2019-09-28 22:08:14',
      method: 'POST',
      path: '/api/v2/ticket/setstatus',
      query: { apiKey: '***' },
      body: { ticketIDs: [858462], status: 'open' },
      status: 200,
      response: { type: 'result', message: 'Ticket status is updated.' },
      fault: null
    })
    expect(typeof first.durationMs).toBe('number')
    expect(second).toMatchObject({ method: 'GET', status: 404, headers: { apikey: '***' } })
    expect(JSON.stringify(body)).not.toContain(t.apiKey)
  })

  it('filters by method, path and status, and empties on DELETE', async () => {
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ title: 'x' }).expect(200)
    await t.request.get('/api/v2/ticket/2').set('apiKey', t.apiKey).expect(404)
    const get = (query: Record<string, string | number>) => t.request.get('/_emulator/requests').query(query).expect(200).then((r) => r.body.requests)
    expect(await get({ method: 'put' })).toHaveLength(1)
    expect(await get({ path: '858462' })).toHaveLength(2)
    expect(await get({ status: 404 })).toHaveLength(1)
    await t.request.delete('/_emulator/requests').expect(200)
    expect(await get({})).toEqual([])
  })

  it('long-polls until enough matching requests exist, or answers 408 with what it has', async () => {
    const waiting = t.request.get('/_emulator/requests').query({ wait: 5000, path: '/ticket/858462', count: 2 }).then((r) => r)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    const res = await waiting
    expect(res.status).toBe(200)
    expect(res.body.requests).toHaveLength(2)
    const timedOut = await t.request.get('/_emulator/requests').query({ wait: 100, method: 'DELETE' }).expect(408)
    expect(timedOut.body.requests).toEqual([])
  })

  it('is bounded by JOURNAL_LIMIT, dropping the oldest first', async () => {
    await t.app.close()
    t = await buildTestApp({ JOURNAL_LIMIT: '3' })
    for (let i = 1; i <= 5; i++) await t.request.get(`/api/v2/ticket/${i}`).set('apiKey', t.apiKey)
    const { body } = await t.request.get('/_emulator/requests').expect(200)
    expect(body.requests.map((r: { path: string }) => r.path)).toEqual(['/api/v2/ticket/3', '/api/v2/ticket/4', '/api/v2/ticket/5'])
  })
})

describe('fault injection', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })
  const fault = (rule: Record<string, unknown>) => t.request.post('/_emulator/faults').send(rule)

  it('answers a status with the Omnidesk envelope, changes nothing, and marks the journal', async () => {
    const { body: rule } = await fault({ method: 'POST', path: '/api/v2/ticket/setstatus', status: 503, times: 1 }).expect(200)
    expect(rule).toMatchObject({ id: expect.any(String), status: 503, times: 1, hits: 0 })
    const before = dumpDatabase(t)
    const hit = await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(503)
    expect(hit.body).toStrictEqual({ status: 'error', message: expect.stringContaining('503') })
    expect(dumpDatabase(t)).toBe(before)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
    const journal = (await t.request.get('/_emulator/requests')).body.requests
    expect(journal.map((r: { status: number, fault: string | null }) => [r.status, r.fault])).toEqual([[503, rule.id], [200, null]])
  })

  it('answers 429 with Retry-After, or a body of your own', async () => {
    await fault({ path: '/api/v2/ticket/*', status: 429, retryAfter: 7, times: 1 }).expect(200)
    const limited = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(429)
    expect(limited.headers['retry-after']).toBe('7')
    expect(limited.body.status).toBe('error')
    await fault({ path: '/api/v2/ticket/858462', status: 500, body: { oops: true }, times: 1 }).expect(200)
    expect((await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(500)).body).toStrictEqual({ oops: true })
  })

  it('delays with latencyMs, then answers normally', async () => {
    await fault({ path: '/api/v2/ticket/858462', latencyMs: 150 }).expect(200)
    const started = performance.now()
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('drops the connection without an answer, changing nothing', async () => {
    const { body: rule } = await fault({ path: '/api/v2/ticket', method: 'POST', drop: true }).expect(200)
    const before = dumpDatabase(t)
    await expect(t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ to: 'a@b.nl', from: 'c@d.nl', direction: 'inbound', channelID: 1, brandID: 2, title: 'x' })).rejects.toThrow(/socket hang up|ECONNRESET/)
    expect(dumpDatabase(t)).toBe(before)
    const journal = (await t.request.get('/_emulator/requests')).body.requests
    expect(journal).toMatchObject([{ status: null, fault: rule.id }])
  })

  it('hits reproducibly with a probability and a seed', async () => {
    const run = async () => {
      await t.request.delete('/_emulator/faults').expect(200)
      await fault({ path: '/api/v2/ticket/*', status: 503, probability: 0.5, seed: 42 }).expect(200)
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) statuses.push((await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey)).status)
      return statuses
    }
    const first = await run()
    expect(first).toContain(503)
    expect(first).toContain(200)
    expect(await run()).toEqual(first)
  })

  it('lists rules, removes one or all, and refuses a rule without an effect', async () => {
    const { body: a } = await fault({ path: '/a', status: 500 }).expect(200)
    await fault({ path: '/b', status: 500 }).expect(200)
    expect((await t.request.get('/_emulator/faults')).body.faults).toHaveLength(2)
    await t.request.delete(`/_emulator/faults/${a.id}`).expect(200)
    await t.request.delete(`/_emulator/faults/${a.id}`).expect(404)
    expect((await t.request.get('/_emulator/faults')).body.faults.map((f: { path: string }) => f.path)).toEqual(['/b'])
    const bad = await fault({ path: '/c' }).expect(400)
    expect(bad.body.message).toMatch(/needs an effect/)
    await t.request.delete('/_emulator/faults').expect(200)
    expect((await t.request.get('/_emulator/faults')).body.faults).toEqual([])
  })

  it('keeps faults to their own account', async () => {
    await t.request.post('/_accounts/acme/_emulator/faults').send({ path: '*', status: 500 }).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(500)
  })
})

describe('rate limits', () => {
  let t: TestApp
  afterEach(async () => { await t.app.close() })

  it('answers 429 with Retry-After and the envelope over RATE_LIMIT, per API key', async () => {
    t = await buildDemoApp({ RATE_LIMIT: '2/60s' })
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    const res = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(429)
    expect(res.headers['retry-after']).toBeDefined()
    expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('2/60s') })
    await t.request.get('/api/v2/ticket/858462').set('apiKey', 'omnidesk-readonly-key').expect(200)
    await t.request.get('/_emulator/health').expect(200)
  })

  it('checks the API key first: a wrong key gets 401 and uses none of the limit', async () => {
    t = await buildDemoApp({ RATE_LIMIT: '1/60s' })
    for (let i = 0; i < 3; i++) {
      const res = await t.request.get('/api/v2/ticket/858462').set('apiKey', 'not-a-key').expect(401)
      expect(res.body.status).toBe('error')
    }
    const first = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(first.headers['x-ratelimit-limit']).toBe('1')
    await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(429)
  })

  it('adds no rate-limit headers where no limit is set', async () => {
    t = await buildDemoApp()
    const res = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(Object.keys(res.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([])
  })

  it('is set per account through the control API', async () => {
    t = await buildDemoApp()
    await t.request.put('/_accounts/acme/_emulator/rate-limit').send({ limit: '1/1m' }).expect(200)
    expect((await t.request.get('/_accounts/acme/_emulator/rate-limit')).body).toStrictEqual({ limit: '1/1m' })
    await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(429)
    for (let i = 0; i < 3; i++) await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    await t.request.put('/_accounts/acme/_emulator/rate-limit').send({ limit: 'lots' }).expect(400)
    await t.request.put('/_accounts/acme/_emulator/rate-limit').send({ limit: null }).expect(200)
    await t.request.get('/_accounts/acme/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
  })
})
