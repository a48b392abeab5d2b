// A key sent twice keeps its last value, as PHP (which the real service runs on) reads forms and
// queries, and as JSON's duplicate keys already do: in every encoding and in the query string.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

describe('a repeated key', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const title = async () => (await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)).body.item.title

  it('keeps the last value in a form body', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).type('form').send('title=a&title=b').expect(200)
    expect(await title()).toBe('b')
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('form')
      .send('ticketIDs[]=858462&status=open&status=closed').expect(200)
    const { body } = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    expect(body.item.status).toBe('closed')
  })

  it('keeps the last value in a multipart body', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).field('title', 'first').field('title', 'last').expect(200)
    expect(await title()).toBe('last')
  })

  it('keeps the last value in a JSON body', async () => {
    await t.request.put('/api/v2/ticket/858462').set('apiKey', t.apiKey).type('json').send('{"title":"a","title":"z"}').expect(200)
    expect(await title()).toBe('z')
  })

  it('keeps the last value in the query string, the API key too', async () => {
    const withHistory = await t.request.get(`/api/v2/ticket/858462?getTicketHistory=0&getTicketHistory=1&apiKey=wrong&apiKey=${t.apiKey}`).expect(200)
    expect(withHistory.body.item.timeline.some((i: { type: string }) => i.type === 'event')).toBe(true)
    const without = await t.request.get(`/api/v2/ticket/858462?getTicketHistory=1&getTicketHistory=0&apiKey=${t.apiKey}`).expect(200)
    expect(without.body.item.timeline.some((i: { type: string }) => i.type === 'event')).toBe(false)
    await t.request.get(`/api/v2/ticket/858462?apiKey=${t.apiKey}&apiKey=wrong`).expect(401)
    const list = await t.request.get(`/api/v2/ticket?status=open&status=closed&apiKey=${t.apiKey}`).expect(200)
    expect(list.body.items.every((i: { status: string }) => i.status === 'closed')).toBe(true)
  })

  it('still reads PHP lists, with and without indexes', async () => {
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).type('form')
      .send('ticketIDs[0]=858462&ticketIDs[1]=858463&status=pending').expect(200)
    const list = await t.request.get(`/api/v2/ticket?status=pending&itemLimit=100&apiKey=${t.apiKey}`).expect(200)
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([858462, 858463]))
  })
})
