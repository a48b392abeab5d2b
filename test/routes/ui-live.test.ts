// The inbox playing both sides: finding tickets, playing the customer through the real endpoints,
// the machinery pages, and the server-sent events that keep open pages live.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIVE_LISTENERS } from '../../src/account/live.js'
import { buildDemoApp, startReceiver, type TestApp } from '../helpers.js'

/** Opens the event stream on a listening app and collects its events. */
function listen (url: string, headers: Record<string, string> = {}): Promise<{ status: number, events: Array<{ event: string, data: unknown }>, close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const events: Array<{ event: string, data: unknown }> = []
      let text = ''
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        let end: number
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end)
          text = text.slice(end + 2)
          const event = /^event: (.+)$/m.exec(block)?.[1]
          const data = /^data: (.+)$/m.exec(block)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) })
        }
      })
      resolve({ status: res.statusCode ?? 0, events, close: () => { req.destroy() } })
    })
    req.on('error', reject)
  })
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the inbox playing both sides', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('finds tickets by text, brand, group, agent, channel and customer, a page at a time', async () => {
    const rows = (text: string) => [...text.matchAll(/<tr data-ticket="(\d+)">/g)].map((m) => Number(m[1]))
    const brand3 = await t.request.get('/?brandId=3').expect(200)
    const ids = rows(brand3.text)
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect((await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(200)).body.item.brand_id).toBe(3)
    expect(rows((await t.request.get('/?channelId=8').expect(200)).text).sort()).toEqual([858479, 858495])
    expect(rows((await t.request.get('/?query=olijfboom').expect(200)).text).length).toBeGreaterThan(0)
    expect(rows((await t.request.get('/?customerId=626822').expect(200)).text)).toContain(858462)
    const werkplaats = rows((await t.request.get('/?groupId=10004&userId=3').expect(200)).text)
    expect(werkplaats.length).toBeGreaterThan(0)
    for (const id of werkplaats) {
      expect((await t.request.get(`/api/v2/ticket/${id}`).set('apiKey', t.apiKey).expect(200)).body.item).toMatchObject({ assigned_group_id: 10004, assigned_user_id: 3 })
    }
    const first = await t.request.get('/').expect(200)
    expect(rows(first.text)).toHaveLength(37)
    expect(first.text).toContain('Tickets 1–37 of 37')
  })

  it('plays a customer\'s e-mail, chat and call through the endpoints an integration uses, never showing the chat token', async () => {
    const chatbot = await startReceiver('/bot')
    try {
      const mail = await t.request.post('/_emulator/play/email').send({ brandID: 2, fromName: 'Kim', fromAddress: 'kim@example.com', subject: 'Pakket kwijt', body: 'Waar <is> het?' }).expect(200)
      const item = (await t.request.get(`/api/v2/ticket/${mail.body.ticketID}`).set('apiKey', t.apiKey).expect(200)).body.item
      expect(item).toMatchObject({ channel_id: 1, brand_id: 2, title: 'Pakket kwijt', from: 'kim@example.com' })
      // The e-mail ticket is threaded: the customer's reply from the ticket page goes into it.
      await t.request.post('/_emulator/play/email').send({ brandID: 2, fromAddress: 'kim@example.com', subject: 'Re: Pakket kwijt', body: 'Nog iets', externalID: item.external_id }).expect(200, { ticketID: mail.body.ticketID })

      const chat = await t.request.post('/_emulator/play/chat').send({ brandID: 3, message: 'Is mijn fiets klaar?', chatServer: chatbot.url }).expect(200)
      expect(chat.body.chatSessionID).toMatch(/^inbox-chat-/)
      await t.request.post('/_emulator/play/chat').send({ brandID: 3, message: 'Hallo?', chatSessionID: chat.body.chatSessionID }).expect(200, { ticketID: chat.body.ticketID, chatSessionID: chat.body.chatSessionID })
      const page = await t.request.get(`/tickets/${chat.body.ticketID}`).expect(200)
      expect(page.text).toContain('Chat as the customer')
      expect(page.text).toContain('Answer as the agent')
      expect(page.text).not.toContain('demochattoken')
      // The agent's answer from the page's reply box reaches the chatbot.
      await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: chat.body.ticketID, type: 8, userID: 3, message: 'Ja, hij staat klaar!' }).expect(200)
      await t.request.post('/_emulator/hookpoints/flush').expect(200)
      expect(chatbot.received.map((r) => r.path)).toEqual(['/bot/messageForCustomer'])

      const call = await t.request.post('/_emulator/play/call').send({ brandID: 4, telephoneNumberCalling: '+31612340077' }).expect(200)
      expect((await t.request.get(`/api/v2/ticket/${call.body.ticketID}`).set('apiKey', t.apiKey).expect(200)).body.item).toMatchObject({ channel_id: 2, brand_id: 4, to: '+31307654321' })

      const journal = (await t.request.get('/_emulator/requests').expect(200)).body.requests.map((r: { method: string, path: string }) => `${r.method} ${r.path}`)
      for (const path of ['/email/newInboundMessage', '/chat/notifyUserNewChatMessage', '/telephone/newInboundCall', '/telephone/callCreateTicket']) {
        expect(journal).toContain(`POST /api/v2${path}`)
      }
      expect(JSON.stringify((await t.request.get('/_emulator/requests').expect(200)).body)).not.toContain('demochattoken')
    } finally {
      await chatbot.close()
    }
  })

  it('answers a played call or chat of a brand without a number or chat account, and bad input, with the envelope', async () => {
    await t.request.post('/_emulator/play/chat').send({ brandID: 9, message: 'x' }).expect(400, { status: 'error', message: 'This brand does not exist.' })
    const bad = await t.request.post('/_emulator/play/email').send({ brandID: 2, fromAddress: 'not an address', subject: 's', body: 'b' }).expect(400)
    expect(bad.body.status).toBe('error')
  })

  it('shows the deliveries with their headers, the triggers with what they did, and the clock\'s buttons', async () => {
    const deliveries = await t.request.get('/deliveries').expect(200)
    expect(deliveries.text).toContain('Nothing sent yet.')
    const triggers = await t.request.get('/triggers').expect(200)
    expect(triggers.text).toContain('Heropenen bij reactie klant')
    expect(triggers.text).toMatch(/<td>Assign to service<\/td><td><a href="\/tickets\/\d+">/)
    const clock = await t.request.get('/clock').expect(200)
    expect(clock.text).toContain('+1 day')
  })

  describe('server-sent events', () => {
    let base = ''
    beforeEach(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    })

    it('tells an open page the deliveries first, then that the account changed', async () => {
      const stream = await listen(`${base}/events`)
      try {
        expect(stream.status).toBe(200)
        await until(() => stream.events.length > 0)
        expect(stream.events[0]).toEqual({ event: 'deliveries', data: { pending: 0, delivered: 0, failed: 0 } })
        await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
        await until(() => stream.events.some((e) => e.event === 'change'))
      } finally {
        stream.close()
      }
    })

    it('refuses another origin\'s page and more than its places', async () => {
      const foreign = await listen(`${base}/events`, { origin: 'http://evil.example' })
      expect(foreign.status).toBe(403)
      foreign.close()
      const streams = await Promise.all(Array.from({ length: LIVE_LISTENERS }, () => listen(`${base}/events`)))
      try {
        expect(streams.every((s) => s.status === 200)).toBe(true)
        const over = await listen(`${base}/events`)
        expect(over.status).toBe(503)
        over.close()
      } finally {
        for (const s of streams) s.close()
      }
    })
  })
})
