// Every client error the server can send is the Omnidesk envelope, with a message a person can act on.
import net from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

/** Sends raw bytes to the app's server and reads the whole answer. */
async function raw (t: TestApp, text: string): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = t.app.server.address() as net.AddressInfo
  return await new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text))
    let answer = ''
    socket.on('data', (chunk) => { answer += chunk })
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))

describe('errors', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('answers a URL or headers over the limit with 431 in the envelope', async () => {
    const answer = await raw(t, `GET /api/v2/ticket/858462?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(bodyOf(answer)).toStrictEqual({ status: 'error', message: expect.stringContaining('too large') })
  })

  it('answers a request the HTTP parser cannot read with 400 in the envelope', async () => {
    const answer = await raw(t, 'GET /api/v2/ticket/858462 HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(bodyOf(answer)).toStrictEqual({ status: 'error', message: expect.stringContaining('malformed') })
  })

  it('answers a text/plain (or any other) body with 415, as the README says, and changes nothing', async () => {
    const before = dumpDatabase(t)
    for (const type of ['text/plain', 'application/xml']) {
      const res = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).set('content-type', type).send('title=x').expect(415)
      expect(res.body).toStrictEqual({ status: 'error', message: expect.stringContaining('Unsupported content type') })
    }
    expect(dumpDatabase(t)).toBe(before)
  })

  it('answers a known path with the wrong method 405 with Allow', async () => {
    const cases: Array<[string, string, string]> = [
      ['get', '/api/v2/ticket/setstatus', 'POST'],
      ['post', '/api/v2/ticket/858462', 'GET, HEAD, PUT, DELETE'],
      ['delete', '/api/v2/message', 'POST'],
      ['get', '/_emulator/reset', 'POST'],
      ['put', '/api/v2/ticket', 'GET, HEAD, POST, DELETE']
    ]
    for (const [method, path, allow] of cases) {
      const res = await (t.request as unknown as Record<string, (url: string) => import('supertest').Test>)[method]!(path).set('apiKey', t.apiKey).expect(405)
      expect(res.headers.allow).toBe(allow)
      expect(res.body).toStrictEqual({ status: 'error', message: `${path} does not take ${method.toUpperCase()}: it takes ${allow}.` })
    }
    const options = await t.request.options('/api/v2/ticket').expect(204)
    expect(options.headers.allow).toBe('GET, HEAD, POST, DELETE')
    expect(options.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('names the real endpoint in a 501, not a route placeholder', async () => {
    const batch = await t.request.post('/api/v2/ticket/batch').set('apiKey', t.apiKey).expect(501)
    expect(batch.body.message).toBe('POST /api/v2/ticket/batch exists in Omnidesk but is not emulated yet; the README lists what is.')
    const one = await t.request.delete('/api/v2/customer/626822').set('apiKey', t.apiKey).expect(501)
    expect(one.body.message).toContain('DELETE /api/v2/customer/626822 exists')
    const wrong = await t.request.get('/api/v2/ticket/batch').set('apiKey', t.apiKey).expect(405)
    expect(wrong.headers.allow).toBe('POST')
  })

  it('answers a date-time that does not exist and a URL that does not parse with 400, not 500', async () => {
    const before = dumpDatabase(t)
    const clock = await t.request.put('/_emulator/clock').send({ now: '2019-02-30 00:00:00' }).expect(400)
    expect(clock.body.message).toBe("The field 'now' is not a real date-time: 2019-02-30 00:00:00 does not exist in UTC.")
    const sendAt = await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 0, message: 'later please', sendAt: '2019-02-30 10:00:00' }).expect(400)
    expect(sendAt.body.message).toBe("The field 'sendAt' is not a real date-time.")
    for (const url of ['http://%zz/', 'http://a b/']) {
      expect((await t.request.post('/_emulator/webhooks').send({ url }).expect(400)).body.message).toBe("The field 'url' is not a valid URL.")
    }
    expect(dumpDatabase(t)).toBe(before)
    expect((await t.request.get('/_emulator/clock').expect(200)).body.now).toBe('2019-09-28 22:08:14')
  })

  it('says what a pattern wants, never a regular expression or another field\'s wording', async () => {
    const url = await t.request.post('/_emulator/webhooks').send({ url: 'ftp://x' }).expect(400)
    expect(url.body.message).toBe("The field 'url' must be an http:// or https:// URL.")
    const limit = await t.request.put('/_emulator/rate-limit').send({ limit: 'lots' }).expect(400)
    expect(limit.body.message).toContain('a rate limit such as 100/60s')
    const sendAt = await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 0, message: 'notitie', sendAt: 'tomorrow' }).expect(400)
    expect(sendAt.body.message).toBe("The field 'sendAt' must be a date-time of the form YYYY-MM-DD HH:MM:SS.")
  })
})
