// Facts of Omnidesk's own pages that the emulator once contradicted (each a regression test).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENCODINGS, send } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

describe('documented facts', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it.each(ENCODINGS)('takes assignedGroupID 0 (its documented default) as no group on create, %s', async (encoding) => {
    await t.request.put('/_emulator/triggers').send({ triggers: [] }).expect(200)
    const fields = { to: 'service@mybrand.com', from: 'nul@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Zonder groep', assignedGroupID: 0 }
    const res = await send(t.request, 'post', `/api/v2/ticket?apiKey=${t.apiKey}`, fields, encoding).expect(200)
    expect(res.body.item.assigned_group_id).toBe(0)
  })

  it.each(ENCODINGS)('takes respondMessageID 0 and userID 0 (the message page\'s sample) as none, %s', async (encoding) => {
    const fields = { ticketID: 858462, type: 1, message: 'Hallo Thomas, dank voor je vraag.', toAddress: 'thomas@omnidesk.nl', respondMessageID: 0, userID: 0 }
    await send(t.request, 'post', `/api/v2/message?apiKey=${t.apiKey}`, fields, encoding).expect(200)
    const { body } = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    const sent = body.item.timeline.find((i: { content: string }) => i.content === fields.message)
    expect(sent).toMatchObject({ type: 'message', user_id: 0, user_name: 'Agent Anonymous' })
  })

  it('still refuses an unknown group, user or message other than 0', async () => {
    const before = dumpDatabase(t)
    const group = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ to: 'service@mybrand.com', from: 'x@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'x', assignedGroupID: 99 }).expect(400)
    expect(group.body.message).toBe('This group does not exist.')
    const user = await t.request.post('/api/v2/message').set('apiKey', t.apiKey).send({ ticketID: 858462, type: 0, message: 'notitie', userID: 99 }).expect(400)
    expect(user.body.message).toBe('This user does not exist.')
    expect(dumpDatabase(t)).toBe(before)
  })

  it('has channel 8 as live chat, as the chatbot page says ("use "8" for live chat")', async () => {
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ to: 'service@mybrand.com', from: 'chat-bezoeker@example.com', direction: 'inbound', channelID: 8, brandID: 2, title: 'Chat' }).expect(200)
    expect(res.body.item).toMatchObject({ channel_id: 8, channel_name: 'live chat', channel_icon: 'chat' })
  })

  it('takes only solved or closed as a PUT status, as Omnidesk\'s ticket spec gives it', async () => {
    const before = dumpDatabase(t)
    for (const status of ['new', 'open', 'pending', 'holding']) {
      const res = await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status }).expect(400)
      expect(res.body).toStrictEqual({ status: 'error', message: "The field 'status' must be one of: solved, closed." })
    }
    expect(dumpDatabase(t)).toBe(before)
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).send({ status: 'solved' }).expect(200)
  })

  it('refuses an applyView that names no view instead of ignoring it, and searches every ticket with searchArchived', async () => {
    const view = await t.request.get('/api/v2/ticket').query({ apiKey: t.apiKey, applyView: 'my-open-tickets' }).expect(400)
    expect(view.body).toStrictEqual({ status: 'error', message: 'The view my-open-tickets (applyView) does not exist; GET /api/v2/view lists the views.' })
    const all = await t.request.get('/api/v2/ticket').query({ apiKey: t.apiKey }).expect(200)
    for (const searchArchived of ['1', 'true', '0', 'false']) {
      const res = await t.request.get('/api/v2/ticket').query({ apiKey: t.apiKey, searchArchived }).expect(200)
      expect(res.body.itemTotal).toBe(all.body.itemTotal)
    }
    const bad = await t.request.get('/api/v2/ticket').query({ apiKey: t.apiKey, searchArchived: 'maybe' }).expect(400)
    expect(bad.body.message).toBe("The query parameter 'searchArchived' must be one of: 0, 1, true, false.")
  })
})
