import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildDemoApp, type TestApp } from '../helpers.js'

describe('the clock control API', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  it('shows, sets and advances the account clock', async () => {
    expect((await t.request.get('/_emulator/clock').expect(200)).body).toStrictEqual({ now: '2019-09-28 22:08:14', frozen: true, timeZone: 'UTC' })
    expect((await t.request.put('/_emulator/clock').send({ now: '2019-09-30 08:00:00' }).expect(200)).body.now).toBe('2019-09-30 08:00:00')
    expect((await t.request.post('/_emulator/clock/advance').send({ seconds: 90 }).expect(200)).body.now).toBe('2019-09-30 08:01:30')
  })

  it('lets time run again with frozen: false', async () => {
    const { body } = await t.request.put('/_emulator/clock').send({ now: '2019-09-30 08:00:00', frozen: false }).expect(200)
    expect(body.frozen).toBe(false)
    expect(body.now >= '2019-09-30 08:00:00').toBe(true)
  })

  it('rejects a bad time with the envelope', async () => {
    const res = await t.request.put('/_emulator/clock').send({ now: 'tomorrow' }).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: "The field 'now' must be a date-time of the form YYYY-MM-DD HH:MM:SS." })
    await t.request.post('/_emulator/clock/advance').send({ seconds: 'lots' }).expect(400)
  })
})

describe('SLA by the emulator clock', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })
  const sla = async () => {
    const { body } = await t.request.get('/api/v2/ticket/858462').set('apiKey', t.apiKey).expect(200)
    const { sla_next_breach: next, sla_next_breach_current_status: status, sla_next_breach_seconds: seconds } = body.item
    return { next, status, seconds }
  }

  it('follows the documented example, then breaches when the clock passes the first-reply time', async () => {
    expect(await sla()).toStrictEqual({ next: '2019-10-01 12:00:00', status: 'active', seconds: 222706 })
    await t.request.post('/_emulator/clock/advance').send({ seconds: 222706 + 60 }).expect(200)
    expect(await sla()).toStrictEqual({ next: '2019-10-01 12:00:00', status: 'breached', seconds: -60 })
  })

  it('pauses while pending, keeps the remaining office time, and resumes when reopened', async () => {
    await t.request.put('/_emulator/clock').send({ now: '2019-09-30 10:00:00' }).expect(200)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'pending' }).expect(200)
    expect((await sla()).status).toBe('paused')
    // Two office hours later the ticket is reopened: the breach moves two office hours on.
    await t.request.put('/_emulator/clock').send({ now: '2019-09-30 12:00:00' }).expect(200)
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'open' }).expect(200)
    expect(await sla()).toMatchObject({ next: '2019-10-01 14:00:00', status: 'active' })
  })

  it('has no next breach once solved', async () => {
    await t.request.post('/api/v2/ticket/setstatus').set('apiKey', t.apiKey).send({ ticketIDs: [858462], status: 'solved' }).expect(200)
    expect(await sla()).toStrictEqual({ next: null, status: null, seconds: null })
  })

  it('starts the user-work clock when an agent is assigned by a trigger', async () => {
    await t.request.put('/_emulator/triggers').send({
      triggers: [{ name: 'Marleen pakt het op', event: 'created', conditions: { all: [{ field: 'brand_id', operator: 'is', value: 2 }] }, actions: [{ type: 'set_user', value: 2 }] }]
    }).expect(200)
    await t.request.put('/_emulator/clock').send({ now: '2019-09-30 09:00:00' }).expect(200)
    const res = await t.request.post('/api/v2/ticket').set('apiKey', t.apiKey)
      .send({ to: 'service@mybrand.com', from: 'x@example.com', direction: 'inbound', channelID: 1, brandID: 2, title: 'Vraag' }).expect(200)
    // policy 5: user work 2400 office minutes = five 8-hour days → Friday 17:00; first reply 11 h → Tuesday 12:00
    expect(res.body.item).toMatchObject({
      assigned_user_id: 2,
      sla_breach_user_work_time: '2019-10-04 17:00:00',
      sla_breach_first_reply_time: '2019-10-01 12:00:00',
      sla_next_breach: '2019-10-01 12:00:00'
    })
  })
})
