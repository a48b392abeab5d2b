// The user controller: the seed's agents with their groups, the documented list parameters, an
// agent's settings, and a new agent in all three encodings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENCODINGS, send } from '../encodings.js'
import { buildDemoApp, dumpDatabase, READ_ONLY_KEY, type TestApp } from '../helpers.js'

describe('the user API', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}${path.includes('?') ? '&' : '?'}apiKey=${t.apiKey}`

  it('lists the agents by id with their groups, filters by name, telephone or e-mail, and pages', async () => {
    const all = (await t.request.get(api('/user')).expect(200)).body
    expect(all).toMatchObject({ type: 'list', itemStart: 0, itemLimit: 15, itemTotal: 8 })
    expect(all.items[0]).toStrictEqual({
      id: 1, name: 'thomas', email: 'thomas@mybrand.com', active: true, telephone: '+31201110001', avatar: '', brand_id: 2, groups: [{ id: 10003, name: 'Customer Support' }]
    })
    expect((await t.request.get(api('/user?query=joost')).expect(200)).body.items.map((u: { id: number }) => u.id)).toEqual([4])
    expect((await t.request.get(api('/user?query=%2B31301110007')).expect(200)).body.items.map((u: { id: number }) => u.id)).toEqual([7])
    expect((await t.request.get(api('/user?query=fatima@despaak.nl')).expect(200)).body.items.map((u: { id: number }) => u.id)).toEqual([5])
    const page = (await t.request.get(api('/user?itemStart=2&itemLimit=3')).expect(200)).body
    expect(page).toMatchObject({ itemStart: 2, itemLimit: 3, itemTotal: 8 })
    expect(page.items.map((u: { id: number }) => u.id)).toEqual([3, 4, 5])
  })

  it('leaves out inactive agents with activeOnly and the details without extended; an inactive agent is offered for no ticket', async () => {
    const active = (await t.request.get(api('/user?activeOnly=1&itemLimit=999')).expect(200)).body
    expect(active.itemTotal).toBe(7)
    expect(active.items.some((u: { name: string }) => u.name === 'ruud')).toBe(false)
    const short = (await t.request.get(api('/user?extended=false&query=ruud')).expect(200)).body.items
    expect(short).toStrictEqual([{ id: 8, name: 'ruud', email: 'ruud@despaak.nl', active: false }])
    const ticket = (await t.request.get(api('/ticket/858463')).expect(200)).body.item
    expect(ticket.brand_id).toBe(3)
    expect(ticket.assign_options_users.map((u: { name: string }) => u.name)).toEqual(['sanne', 'joost', 'fatima'])
  })

  it('refuses the documented limits with the envelope: itemLimit at most 999, a query of the documented characters', async () => {
    const limit = await t.request.get(api('/user?itemLimit=1000')).expect(400)
    expect(limit.body).toStrictEqual({ status: 'error', message: "The query parameter 'itemLimit' must be at most 999." })
    await t.request.get(api('/user?query=%3Cscript%3E')).expect(400)
  })

  it('answers an agent, a 404 for none, and the agent\'s settings over the defaults', async () => {
    expect((await t.request.get(api('/user/6')).expect(200)).body.item).toMatchObject({ id: 6, name: 'pieter', groups: [{ id: 10007 }, { id: 10008 }] })
    expect((await t.request.get(api('/user/99')).expect(404)).body).toStrictEqual({ status: 'error', message: 'This user does not exist.' })
    const settings = (await t.request.get(api('/user/settings?userID=1')).expect(200)).body
    expect(settings).toStrictEqual({
      type: 'item',
      item: { user_id: 1, language: 'en', signature: 'Groet, Thomas (MyBrand)', incognito_mode: false, desktop_notifications: true, email_notifications: true }
    })
    const none = await t.request.get(api('/user/settings')).expect(400)
    expect(none.body.message).toContain("'userID' is required")
  })

  for (const encoding of ENCODINGS) {
    it(`creates an agent in the brand's groups (${encoding})`, async () => {
      const res = await send(t.request, 'post', api('/user'), { brand_id: 4, name: 'Noor', email: 'noor@groenrijk.nl', telephone: '+31301110009', groups: [10008] }, encoding)
        .expect(200, { type: 'result', message: 'User created.' })
      const id = Number(res.headers['x-emulator-created-id'])
      expect((await t.request.get(api(`/user/${id}`)).expect(200)).body.item).toMatchObject({ name: 'Noor', brand_id: 4, active: true, groups: [{ id: 10008, name: 'Bezorging' }] })
    })
  }

  it('refuses a group of another brand and a read-only key, changing nothing', async () => {
    const before = dumpDatabase(t)
    const other = await t.request.post(api('/user')).send({ brand_id: 4, name: 'Noor', email: 'noor@groenrijk.nl', groups: [10002] }).expect(400)
    expect(other.body).toStrictEqual({ status: 'error', message: 'The group 10002 is not a group of brand 4.' })
    await t.request.post('/api/v2/user').set('apiKey', READ_ONLY_KEY).send({ brand_id: 4, name: 'Noor', email: 'noor@groenrijk.nl' }).expect(403)
    await t.request.get('/api/v2/user').set('apiKey', READ_ONLY_KEY).expect(403)
    expect(dumpDatabase(t)).toBe(before)
  })
})
