// Custom channels against a real local HTTP server standing in for the channel's endpoint: its own
// channel id, an agent's message POSTed there (signed when asked), retries, the journals, and a
// secret that is never shown.
import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENCODINGS, send } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type Received, type Receiver, startReceiver, type TestApp } from '../helpers.js'

describe('custom channels', () => {
  let t: TestApp
  let app: Receiver
  beforeEach(async () => {
    t = await buildDemoApp({ WEBHOOK_RETRY_FACTOR: '0.001' })
    app = await startReceiver('/omnidesk/api/message')
  })
  afterEach(async () => {
    await t.app.close()
    await app.close()
  })

  const api = (path: string) => `/api/v2${path}?apiKey=${t.apiKey}`
  const deliveries = async () => (await t.request.post('/_emulator/hookpoints/flush').expect(200)).body.deliveries

  it('lists every channel, the custom ones with their settings and the secret masked', async () => {
    const list = (await t.request.get(api('/channel')).expect(200)).body
    expect(list).toMatchObject({ type: 'list', itemStart: 0, itemTotal: 12 })
    expect(list.items[0]).toStrictEqual({ id: 1, name: 'e-mail', icon: 'e-mail', custom: false })
    const app = (await t.request.get(api('/channel/100')).expect(200)).body.item
    expect(app).toMatchObject({ id: 100, name: 'Webshop app', custom: true, custom_channel_endpoint: 'http://localhost:4000/custom-channel', custom_channel_secret: '***', include_signature: true })
    expect(JSON.stringify(list)).not.toContain('demo-channel-secret')
    await t.request.get(api('/channel/55')).expect(404)
  })

  for (const encoding of ENCODINGS) {
    it(`creates a custom channel with its own id; an agent's message on its ticket is POSTed to the endpoint, signed (${encoding})`, async () => {
      const created = await send(t.request, 'post', api('/channel'), {
        name: 'Example channel', icon: 'note', custom_channel_endpoint: app.url, custom_channel_secret: 's3cret-key', include_signature: 'true'
      }, encoding).expect(200, { type: 'result', message: 'Channel created.' })
      const channelID = Number(created.headers['x-emulator-created-id'])
      expect(channelID).toBe(101)
      await t.request.post(api('/ticket')).send({ brandID: 2, channelID, direction: 'inbound', from: 'user-77', to: 'Example channel', title: 'Vraag via de app' }).expect(200)
      const ticketID = (await t.request.get(api('/ticket')).expect(200)).body.items[0].id
      await send(t.request, 'post', api('/message'), { ticketID, type: channelID, userID: 1, message: 'Hallo, we kijken ernaar.', toAddress: 'user-77' }, encoding).expect(200)
      // A note is not sent.
      await t.request.post(api('/message')).send({ ticketID, type: 0, userID: 1, message: 'intern: klant belt later' }).expect(200)
      expect((await deliveries()).map((d: { hookpoint: string, state: string }) => [d.hookpoint, d.state])).toEqual([['customChannel', 'delivered']])
      expect(app.received).toHaveLength(1)
      const [{ headers, text }] = app.received as [Received]
      expect(JSON.parse(text)).toMatchObject({ ticketID, channelID, brandID: 2, to: 'user-77', message: 'Hallo, we kijken ernaar.', userID: 1, userName: 'thomas' })
      const timestamp = String(headers['x-omnidesk-timestamp'])
      expect(headers['x-omnidesk-signature']).toBe(`sha256=${createHmac('sha256', 's3cret-key').update(`${timestamp}.${text}`).digest('hex')}`)
      // The journal shows the call out, with its signature but not the secret.
      const journal = (await t.request.get('/_emulator/requests').expect(200)).body
      const out = journal.requests.find((r: { outbound?: string }) => r.outbound === 'custom-channel')
      expect(out).toMatchObject({ method: 'POST', path: app.url, status: 200 })
      expect(JSON.stringify(journal)).not.toContain('s3cret-key')
    })
  }

  for (const encoding of ENCODINGS) {
    it(`changes only the fields sent (${encoding})`, async () => {
      await send(t.request, 'put', api('/channel/100'), { icon: 'shop', include_signature: 'false', custom_channel_available_in_quick_ticket: 1 }, encoding).expect(200, { type: 'result', message: 'Channel updated.' })
      expect((await t.request.get(api('/channel/100')).expect(200)).body.item).toMatchObject({
        name: 'Webshop app', icon: 'shop', include_signature: false, custom_channel_available_in_quick_ticket: true, custom_channel_secret: '***'
      })
    })
  }

  it('sends unsigned without include_signature, retries a dead endpoint and then fails', async () => {
    await t.request.post(api('/channel')).send({ name: 'Plain', custom_channel_endpoint: app.url }).expect(200)
    await t.request.post(api('/ticket')).send({ brandID: 3, channelID: 101, direction: 'inbound', from: 'u1', to: 'Plain', title: 'Hoi' }).expect(200)
    const ticketID = (await t.request.get(api('/ticket')).expect(200)).body.items[0].id
    app.status = 503
    await t.request.post(api('/message')).send({ ticketID, type: 101, message: 'Eerste antwoord' }).expect(200)
    const [failed] = await deliveries()
    expect(failed).toMatchObject({ hookpoint: 'customChannel', state: 'failed', url: app.url })
    expect(failed.attempts.length).toBeGreaterThan(1)
    expect(app.received[0]?.headers['x-omnidesk-signature']).toBeUndefined()
  })

  it('changes a custom channel, refuses Omnidesk\'s own channels, a signature without a secret and an endpoint on a foreign host, changing nothing', async () => {
    await t.request.put(api('/channel/100')).send({ name: 'MyBrand app', custom_channel_endpoint: app.url }).expect(200, { type: 'result', message: 'Channel updated.' })
    expect((await t.request.get(api('/channel/100')).expect(200)).body.item).toMatchObject({ name: 'MyBrand app', custom_channel_endpoint: app.url, custom_channel_secret: '***' })
    const before = dumpDatabase(t)
    const own = await t.request.put(api('/channel/1')).send({ name: 'mail' }).expect(400)
    expect(own.body.message).toBe("Channel 1 (e-mail) is one of Omnidesk's own channels; only custom channels can be changed.")
    const unsigned = await t.request.post(api('/channel')).send({ name: 'Signed', include_signature: true }).expect(400)
    expect(unsigned.body.message).toBe('include_signature needs a custom_channel_secret to sign with: send one, or include_signature=false.')
    const foreign = await t.request.post(api('/channel')).send({ name: 'Far', custom_channel_endpoint: 'https://api.example.com/hook' }).expect(400)
    expect(foreign.body.message).toContain("add 'api.example.com' to WEBHOOK_HOSTS")
    await t.request.post(api('/channel')).send({ name: 'Bad <name>' }).expect(400)
    expect(dumpDatabase(t)).toBe(before)
  })

  it('masks the secret in an export and keeps the channel on import, unsigned', async () => {
    const snapshot = (await t.request.get('/_emulator/snapshot').expect(200)).body
    expect(snapshot.custom_channels[0]).toMatchObject({ channel_id: 100, custom_channel_secret: '***' })
    await t.request.post('/_emulator/snapshot').send(snapshot).expect(200)
    expect((await t.request.get(api('/channel/100')).expect(200)).body.item).toMatchObject({ custom: true, custom_channel_secret: '' })
  })
})
