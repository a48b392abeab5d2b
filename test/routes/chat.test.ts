// Live chat escalation end to end against a real local HTTP server standing in for the chatbot: the
// customer's messages open and continue tickets, the agent's answers, typing and files arrive at the
// chatbot's hookpoints, a dead chatbot is retried and then failed, all visible in the journals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { send, ENCODINGS } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type Receiver, startReceiver, type TestApp } from '../helpers.js'

const TOKEN = 'demochattoken0001'

describe('live chat escalation', () => {
  let t: TestApp
  let bot: Receiver
  beforeEach(async () => {
    t = await buildDemoApp({ WEBHOOK_RETRY_FACTOR: '0.001' })
    bot = await startReceiver('/bot')
  })
  afterEach(async () => {
    await t.app.close()
    await bot.close()
  })

  const api = (path: string) => `/api/v2${path}?apiKey=${t.apiKey}`
  const fields = (session: string, message: string, extra: Record<string, string | number> = {}) =>
    ({ url: 'https://www.mybrand.com/support', message, channelID: 8, chatAccountToken: TOKEN, chatSessionID: session, chatServer: bot.url, ...extra })
  const ticket = async (id: number) => (await t.request.get(api(`/ticket/${id}`)).expect(200)).body.item
  const flushed = async () => (await t.request.post('/_emulator/hookpoints/flush?timeout=10000').expect(200)).body.deliveries

  for (const encoding of ENCODINGS) {
    it(`opens a ticket on the first message of a session and adds later ones to it (${encoding})`, async () => {
      const first = await send(t.request, 'post', api('/chat/notifyUserNewChatMessage'), fields('sess-1', 'Waar blijft mijn bestelling?', { messageNumber: 1 }), encoding).expect(200)
      expect(first.body).toEqual({ type: 'result', message: 'Message sent.', ticketID: expect.any(Number) })
      const id = first.body.ticketID
      const again = await send(t.request, 'post', api('/chat/notifyUserNewChatMessage'), fields('sess-1', 'Ordernummer 48213', { messageNumber: 2 }), encoding).expect(200)
      expect(again.body.ticketID).toBe(id)
      const other = await send(t.request, 'post', api('/chat/notifyUserNewChatMessage'), fields('sess-2', 'Andere vraag'), encoding).expect(200)
      expect(other.body.ticketID).not.toBe(id)
      const item = await ticket(id)
      expect(item).toMatchObject({ channel_id: 8, direction: 'inbound', brand_id: 2, from: 'sess-1', title: 'Waar blijft mijn bestelling?', status: 'new' })
      const messages = item.timeline.filter((entry: { type: string }) => entry.type === 'message')
      expect(messages.map((m: { content: string }) => m.content)).toEqual(['Ordernummer 48213', 'Waar blijft mijn bestelling?'])
      expect(messages[0]).toMatchObject({ direction: 'inbound', channel_id: 8 })
    })
  }

  for (const encoding of ENCODINGS) {
    it(`takes an event, the customer's file and the end of the chat (${encoding})`, async () => {
      const id = (await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-enc', 'Hallo')).expect(200)).body.ticketID
      const session = { chatAccountToken: TOKEN, chatSessionID: 'sess-enc' }
      await send(t.request, 'post', api('/chat/notifyUserNewChatEvent'), { ...session, event: 'stopped_typing' }, encoding)
        .expect(200, { type: 'result', message: 'Event received.', ticketID: id })
      const file = { 'attachments[0][name]': 'bon.pdf', 'attachments[0][type]': 'application/pdf', 'attachments[0][size]': 120 }
      const attachment = encoding === 'json' ? { ...session, attachments: [{ name: 'bon.pdf', type: 'application/pdf', size: 120 }] } : { ...session, ...file }
      await send(t.request, 'post', api('/chat/addAttachment'), attachment as unknown as Record<string, string>, encoding).expect(200, { type: 'result', message: 'Attachment added.', ticketID: id })
      await send(t.request, 'post', api('/chat/notifyUserEndChat'), session, encoding).expect(200, { type: 'result', message: 'Chat ended.', ticketID: id })
      const item = await ticket(id)
      expect(item.timeline[0]).toMatchObject({ type: 'message', content: 'bon.pdf', files: [{ name: 'bon.pdf', type: 'application/pdf', size: 120 }] })
      expect((await t.request.get('/_emulator/chats').expect(200)).body.chats[0]).toMatchObject({ lastEvent: 'stopped_typing', endedAt: expect.any(String) })
    })
  }

  it('takes a repeated messageNumber as a retry and does not add the message again', async () => {
    const id = (await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-r', 'Hallo', { messageNumber: 1 })).expect(200)).body.ticketID
    await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-r', 'Hallo', { messageNumber: 1 })).expect(200, { type: 'result', message: 'Message sent.', ticketID: id })
    expect((await ticket(id)).timeline.filter((entry: { type: string }) => entry.type === 'message')).toHaveLength(1)
  })

  it('refuses a wrong chat account token, a chat server outside a local setup and a missing field, and changes nothing', async () => {
    const before = dumpDatabase(t)
    const wrong = await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-x', 'Hallo', { chatAccountToken: 'wrongtoken12345' })).expect(401)
    expect(wrong.body).toEqual({ status: 'error', message: expect.stringContaining('chatAccountToken is not the token') })
    expect(wrong.body.message).not.toContain('wrongtoken12345')
    const far = await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-x', 'Hallo', { chatServer: 'bot.example.com' })).expect(400)
    expect(far.body.message).toContain('WEBHOOK_HOSTS')
    const missing = await t.request.post(api('/chat/notifyUserNewChatMessage')).send({ ...fields('sess-x', 'Hallo'), url: undefined }).expect(400)
    expect(missing.body.message).toContain('url')
    expect(dumpDatabase(t)).toBe(before)
  })

  it('sends the agent\'s answer to messageForCustomer, the typing and the files to their hookpoints, and journals them', async () => {
    const id = (await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-a', 'Kan ik ruilen?')).expect(200)).body.ticketID
    await t.request.post(`/_emulator/chats/${id}/typing`).send({ userID: 1 }).expect(200)
    await t.request.post(api('/message')).send({ ticketID: id, type: 8, message: 'Ja, binnen 30 dagen.', userID: 1, attachments: [{ name: 'retourlabel.pdf', type: 'application/pdf', size: 2048 }] }).expect(200)
    // A note is not for the customer.
    await t.request.post(api('/message')).send({ ticketID: id, type: 0, message: 'Interne notitie', userID: 1 }).expect(200)
    const deliveries = await flushed()
    expect(deliveries.map((d: { hookpoint: string, state: string }) => [d.hookpoint, d.state])).toEqual([
      ['typingIndicatorForCustomer', 'delivered'], ['messageForCustomer', 'delivered'], ['uploadForCustomer', 'delivered']
    ])
    expect(deliveries[1].attempts[0]).toMatchObject({ status: 200, answer: 'ok', error: null })
    expect(bot.received.map((r) => r.path)).toEqual(['/bot/typingIndicatorForCustomer', '/bot/messageForCustomer', '/bot/uploadForCustomer'])
    expect(bot.received[0]?.body).toMatchObject({ chatSessionID: 'sess-a', ticketID: id, userID: 1, userName: 'thomas', typing: true })
    expect(bot.received[1]?.body).toMatchObject({ chatSessionID: 'sess-a', ticketID: id, message: 'Ja, binnen 30 dagen.', userID: 1, userName: 'thomas' })
    expect(bot.received[2]?.body).toMatchObject({ chatSessionID: 'sess-a', file: { name: 'retourlabel.pdf', size: 2048 } })
    const journal = (await t.request.get('/_emulator/requests').expect(200)).body.requests
    const outbound = journal.filter((r: { outbound?: string }) => r.outbound === 'hookpoint')
    expect(outbound.map((r: { path: string, status: number }) => [r.path, r.status])).toContainEqual([`${bot.url}/messageForCustomer`, 200])
    // The chat account token never shows in the journal.
    expect(JSON.stringify(journal)).not.toContain(TOKEN)
  })

  it('retries a chat server that fails, then gives the delivery up as failed', async () => {
    const id = (await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-d', 'Hallo?')).expect(200)).body.ticketID
    bot.status = 500
    await t.request.post(api('/message')).send({ ticketID: id, type: 8, message: 'Goedemiddag!', userID: 2 }).expect(200)
    const [delivery] = await flushed()
    expect(delivery).toMatchObject({ hookpoint: 'messageForCustomer', state: 'failed', ticketId: id })
    expect(delivery.attempts).toHaveLength(6)
    expect(delivery.attempts[0]).toMatchObject({ status: 500, error: 'answered 500' })
    expect(bot.received).toHaveLength(6)
  })

  it('keeps events, ends the chat with a timeline event and takes the customer\'s files in all three encodings', async () => {
    const id = (await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-e', 'Foto van de schade')).expect(200)).body.ticketID
    await t.request.post(api('/chat/notifyUserNewChatEvent')).type('form').send(`chatAccountToken=${TOKEN}&chatSessionID=sess-e&event=typing`)
      .expect(200, { type: 'result', message: 'Event received.', ticketID: id })
    const chats = (await t.request.get('/_emulator/chats').expect(200)).body.chats
    expect(chats[0]).toMatchObject({ sessionId: 'sess-e', ticketId: id, lastEvent: 'typing', chatServer: bot.url })
    await t.request.post(api('/chat/addAttachment')).field('chatAccountToken', TOKEN).field('chatSessionID', 'sess-e')
      .attach('file', Buffer.from('fake image bytes'), { filename: 'schade.jpg', contentType: 'image/jpeg' }).expect(200)
    await t.request.post(api('/chat/addAttachment')).type('form')
      .send(`chatAccountToken=${TOKEN}&chatSessionID=sess-e&attachments[0][name]=bon.pdf&attachments[0][url]=https://bot.example/bon.pdf`).expect(200)
    await t.request.post(api('/chat/notifyUserEndChat')).send({ chatAccountToken: TOKEN, chatSessionID: 'sess-e' }).expect(200, { type: 'result', message: 'Chat ended.', ticketID: id })
    const item = (await t.request.get(api(`/ticket/${id}`) + '&getTicketHistory=1').expect(200)).body.item
    const files = item.timeline.filter((e: { type: string }) => e.type === 'message').map((m: { files: unknown[] }) => m.files)
    expect(files).toContainEqual([{ name: 'schade.jpg', type: 'image/jpeg', size: 16 }])
    expect(files).toContainEqual([{ name: 'bon.pdf', url: 'https://bot.example/bon.pdf' }])
    expect(item.timeline).toContainEqual(expect.objectContaining({ item_type: 'chat', description: 'The customer ended the chat' }))
    const after = await t.request.post(api('/chat/notifyUserNewChatMessage')).send(fields('sess-e', 'Nog iets')).expect(400)
    expect(after.body.message).toContain('has ended')
    // An ended chat gets no hookpoint calls.
    await t.request.post(api('/message')).send({ ticketID: id, type: 8, message: 'Nog een vraag?' }).expect(200)
    expect(await flushed()).toEqual([])
  })

  it('answers an unknown session with a clear 400', async () => {
    const res = await t.request.post(api('/chat/notifyUserEndChat')).send({ chatAccountToken: TOKEN, chatSessionID: 'nope' }).expect(400)
    expect(res.body.message).toContain("no chat session 'nope'")
  })
})
