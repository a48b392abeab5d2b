// A ticket that comes in by chat, by phone or by e-mail is a ticket like any other: the created
// triggers run on it, it gets its brand's SLA, and webhooks report it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

describe('tickets from the channels in', () => {
  let t: TestApp
  let server: http.Server
  const received: Array<{ type: string, data: { ticket: { id: number, channel_id: number } } }> = []
  beforeEach(async () => {
    t = await buildDemoApp({ WEBHOOK_RETRY_FACTOR: '0.01' })
    received.length = 0
    server = http.createServer((req, res) => {
      if (req.method === 'OPTIONS') return res.writeHead(204, { allow: 'POST' }).end()
      let body = ''
      req.on('data', (chunk) => { body += chunk })
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })
  afterEach(async () => {
    await t.app.close()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  const api = (path: string) => `/api/v2${path}?apiKey=${t.apiKey}`

  it('runs the created triggers, sets the SLA and sends ticket.created for a chat, a call and a mail', async () => {
    await t.request.put('/_emulator/triggers').send({
      triggers: [{
        name: 'Kanaal in',
        event: 'created',
        active: true,
        position: 0,
        conditions: { all: [{ field: 'channel_id', operator: 'in', value: [1, 2, 8] }] },
        actions: [{ type: 'add_tag', value: 'kanaal-in' }, { type: 'set_priority', value: 'high' }]
      }]
    }).expect(200)
    await t.request.post('/_emulator/webhooks').send({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events: ['ticket.created'] }).expect(200)

    const chat = (await t.request.post(api('/chat/notifyUserNewChatMessage')).send({
      url: 'https://www.mybrand.com', message: 'Hallo', channelID: 8, chatAccountToken: 'demochattoken0001', chatSessionID: 'trig-1', chatServer: 'http://127.0.0.1:9'
    }).expect(200)).body.ticketID
    await t.request.post(api('/telephone/newInboundCall')).send({ telephoneNumberCalling: '+31612349999', telephoneNumberCalled: '+31307654321', callID: 'trig-call', pbxID: 'pbx', pbxIP: '10.0.0.1' }).expect(200)
    await t.request.post(api('/telephone/callCreateTicket')).send({ callID: 'trig-call', pbxID: 'pbx', pbxIP: '10.0.0.1' }).expect(200)
    const call = (await t.request.get('/_emulator/calls').expect(200)).body.calls[0].ticketId
    const mail = (await t.request.post(api('/email/newInboundMessage')).send({
      messageID: '<trig@example.nl>', fromAddress: { address: 'trig@example.nl' }, toAddress: { address: 'service@mybrand.com' }, subject: 'Vraag', body: 'Hallo'
    }).expect(200)).body.ticketID

    for (const id of [chat, call, mail]) {
      const item = (await t.request.get(api(`/ticket/${id}`)).expect(200)).body.item
      expect(item).toMatchObject({ tags: 'kanaal-in', priority: 'high' })
      // Brand 2 and 4 use the office-hours policy, whose first reply is due within 660 minutes.
      expect(item.sla_breach_first_reply_time).toEqual(expect.any(String))
    }
    await t.request.post('/_emulator/webhooks/flush?timeout=10000').expect(200)
    expect(received.map((r) => [r.type, r.data.ticket.id, r.data.ticket.channel_id])).toEqual([
      ['ticket.created', chat, 8], ['ticket.created', call, 2], ['ticket.created', mail, 1]
    ])
  })
})
