// Forms and form fields: the documented answers, a ticket's values, and required fields that block a
// status in PUT, setstatus and a message's submitStatus without changing anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENCODINGS, send } from '../encodings.js'
import { buildDemoApp, dumpDatabase, type TestApp } from '../helpers.js'

describe('forms and form fields', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildDemoApp() })
  afterEach(async () => { await t.app.close() })

  const api = (path: string) => `/api/v2${path}${path.includes('?') ? '&' : '?'}apiKey=${t.apiKey}`

  it('lists the forms with their fields, and a form with a ticket\'s values', async () => {
    const list = (await t.request.get(api('/form')).expect(200)).body
    expect(list).toMatchObject({ type: 'list', itemTotal: 3 })
    expect(list.items[1]).toMatchObject({ id: 2, brand_id: 3, name: 'Reparatie aanmelden', fields: [{ id: 3, title: 'Framenummer', required_statuses: ['solved'] }, { id: 4 }] })
    const form = (await t.request.get(api('/form/2?ticketID=858475')).expect(200)).body.item
    expect(form.fields.map((f: { id: number, value: string | null }) => [f.id, f.value])).toEqual([[3, null], [4, '2019-09-24']])
    expect((await t.request.get(api('/form/getFormForTicket?ticketID=858473')).expect(200)).body.item.fields.map((f: { value: string }) => f.value)).toEqual(['MB-48102', 'Te klein'])
    expect((await t.request.get(api('/form/9')).expect(404)).body).toStrictEqual({ status: 'error', message: 'This form does not exist.' })
  })

  for (const encoding of ENCODINGS) {
    it(`creates, changes and deletes a form field with the documented answers (${encoding})`, async () => {
      const created = await send(t.request, 'post', api('/formfield'), { form_id: 3, title: 'Ordernummer', input_type: 'text', field_order: 3, required_statuses: ['solved', 'closed'] }, encoding)
        .expect(200, { type: 'result', message: 'Form field created' })
      const id = Number(created.headers['x-emulator-created-id'])
      expect((await t.request.get(api(`/formfield/${id}`)).expect(200)).body.item).toStrictEqual({
        id, form_id: 3, title: 'Ordernummer', input_type: 'text', field_order: 3, required_statuses: ['solved', 'closed'], external_code: null
      })
      await send(t.request, 'put', api(`/formfield/${id}`), { form_id: 3, title: 'Order', input_type: 'number', external_code: 'order_id', required_statuses: ['closed'] }, encoding)
        .expect(200, { type: 'result', message: 'Form updated' })
      expect((await t.request.get(api(`/formfield/${id}`)).expect(200)).body.item).toMatchObject({ title: 'Order', input_type: 'number', external_code: 'order_id', required_statuses: ['closed'] })
      await send(t.request, 'delete', api(`/formfield/${id}`), { description: 'not needed' }, encoding).expect(200, { type: 'result', message: 'Form deleted' })
      await t.request.get(api(`/formfield/${id}`)).expect(404)
    })
  }

  it('answers This form does not exist. for a field of no form, changing nothing', async () => {
    const before = dumpDatabase(t)
    const res = await t.request.post(api('/formfield')).send({ form_id: 77, title: 'X', input_type: 'text' }).expect(400)
    expect(res.body).toStrictEqual({ status: 'error', message: 'This form does not exist.' })
    await t.request.post(api('/formfield')).send({ form_id: 1, title: 'X', input_type: 'colour' }).expect(400)
    expect(dumpDatabase(t)).toBe(before)
  })

  for (const encoding of ENCODINGS) {
    it(`creates and renames a form (${encoding})`, async () => {
      const created = await send(t.request, 'post', api('/form'), { brand_id: 3, name: 'Inruil' }, encoding).expect(200, { type: 'result', message: 'Form created' })
      const id = Number(created.headers['x-emulator-created-id'])
      await send(t.request, 'put', api(`/form/${id}`), { name: 'Inruil fiets' }, encoding).expect(200, { type: 'result', message: 'Form updated' })
      expect((await t.request.get(api(`/form/${id}`)).expect(200)).body.item).toStrictEqual({ id, brand_id: 3, name: 'Inruil fiets', fields: [] })
    })
  }

  it('creates, renames and deletes a form; its tickets keep no form', async () => {
    const created = await t.request.post(api('/form')).send({ brand_id: 2, name: 'Klacht' }).expect(200, { type: 'result', message: 'Form created' })
    const id = Number(created.headers['x-emulator-created-id'])
    await t.request.put(api(`/form/${id}`)).send({ name: 'Klachten' }).expect(200, { type: 'result', message: 'Form updated' })
    await t.request.put(api('/form/saveFormFields')).send({ ticketID: 858462, formID: id, fields: [] }).expect(200)
    expect((await t.request.get(api('/ticket/858462')).expect(200)).body.item.form_id).toBe(id)
    await t.request.delete(api(`/form/${id}`)).expect(200, { type: 'result', message: 'Form deleted' })
    expect((await t.request.get(api('/ticket/858462')).expect(200)).body.item.form_id).toBe(null)
  })

  for (const encoding of ENCODINGS) {
    it(`saves a ticket's values by id or external code, checks them by input type, and clears one with an empty value (${encoding})`, async () => {
      await send(t.request, 'put', api('/form/saveFormFields'), { ticketID: 858475, fields: [{ external_code: 'frame_number', value: 'WAW123' }, { id: 4, value: '2019-09-25' }] }, encoding)
        .expect(200, { type: 'result', message: 'Form fields saved.' })
      const values = async () => (await t.request.get(api('/form/getFormForTicket?ticketID=858475')).expect(200)).body.item.fields.map((f: { value: string | null }) => f.value)
      expect(await values()).toEqual(['WAW123', '2019-09-25'])
      const before = dumpDatabase(t)
      const date = await send(t.request, 'put', api('/form/saveFormFields'), { ticketID: 858475, fields: [{ id: 3, value: '' }, { id: 4, value: 'next tuesday' }] }, encoding).expect(400)
      expect(date.body.message).toBe("The form field 'Afspraakdatum' (4) must be a date of the form YYYY-MM-DD.")
      const other = await send(t.request, 'put', api('/form/saveFormFields'), { ticketID: 858475, formID: 1, fields: [{ id: 1, value: 'x' }] }, encoding).expect(400)
      expect(other.body.message).toBe("Form 1 is a form of brand 2, not of the ticket's brand 3.")
      expect(dumpDatabase(t)).toBe(before)
      await send(t.request, 'put', api('/form/saveFormFields'), { ticketID: 858475, fields: [{ id: 3, value: '' }] }, encoding).expect(200)
      expect(await values()).toEqual([null, '2019-09-25'])
    })
  }

  describe('a required field blocks its statuses, and nothing changes', () => {
    const blocked = "Ticket 858475 cannot be solved while its form field 'Framenummer' (3) is empty: fill it in with PUT /api/v2/form/saveFormFields first."

    it('in PUT /ticket', async () => {
      const before = dumpDatabase(t)
      const res = await t.request.put(api('/ticket/858475')).send({ status: 'solved', title: 'Ook de titel' }).expect(400)
      expect(res.body).toStrictEqual({ status: 'error', message: blocked })
      expect(dumpDatabase(t)).toBe(before)
      // A status the field does not require is not blocked.
      await t.request.put(api('/ticket/858475')).send({ status: 'closed' }).expect(200)
    })

    it('in setstatus, for all the tickets sent (all or nothing)', async () => {
      const before = dumpDatabase(t)
      const res = await t.request.post(api('/ticket/setstatus')).send({ ticketIDs: [858463, 858475], status: 'solved' }).expect(400)
      expect(res.body.message).toBe(blocked)
      expect(dumpDatabase(t)).toBe(before)
      await t.request.put(api('/form/saveFormFields')).send({ ticketID: 858475, fields: [{ id: 3, value: 'WAW123' }] }).expect(200)
      await t.request.post(api('/ticket/setstatus')).send({ ticketIDs: [858463, 858475], status: 'solved' }).expect(200)
      expect((await t.request.get(api('/ticket/858475')).expect(200)).body.item.status).toBe('solved')
    })

    it('in a message\'s submitStatus: the message is not added either', async () => {
      const before = dumpDatabase(t)
      const res = await t.request.post(api('/message')).send({ ticketID: 858475, type: 1, message: 'Je fiets is klaar.', toAddress: 'julia.smit@hotmail.com', submitStatus: 'solved' }).expect(400)
      expect(res.body.message).toBe(blocked)
      expect(dumpDatabase(t)).toBe(before)
    })
  })
})
