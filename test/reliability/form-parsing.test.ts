// Simple forms skip qs (src/plugins/body-parsers.ts, parseSimpleForm) for speed; the body the API sees
// must still be exactly what qs makes of them. Checked through the HTTP layer: the request journal
// shows the body as parsed, compared here with qs itself on generated forms (fixed seed).
import fc from 'fast-check'
import qs from 'qs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSimpleForm, QS_OPTIONS } from '../../src/plugins/body-parsers.js'
import { buildTestApp, type TestApp } from '../helpers.js'

// Pieces that matter to a form parser: separators, escapes (valid and broken), plus signs, dots,
// brackets, repeated and prototype-ish keys, and text beyond ASCII.
const PIECES = ['a', 'b', 'title', '=', '&', '+', '%20', '%40', '%2', '%zz', '%E2%82%AC', '.', '[', ']', '[]', '%5B', '__proto__', 'constructor', 'é', '0', '']
const form = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join(''))
// Forms as clients write them: fields and PHP lists, repeated, mixed, with brackets spelled out or
// escaped, and values made of the pieces above.
const field = fc.tuple(
  fc.constantFrom('ticketIDs', 'status', 'a', 'A', 'é', '__proto__', 'constructor', ''),
  fc.constantFrom('', '[]', '[]', '[0]', '[x]', '%5B%5D', '[][]', '['),
  fc.array(fc.constantFrom(...PIECES.filter((piece) => piece !== '&')), { maxLength: 4 }).map((pieces) => pieces.join(''))
).map(([name, suffix, value]) => `${name}${suffix}=${value}`)
const fieldForm = fc.array(field, { maxLength: 8 }).map((fields) => fields.join('&'))

/** What the emulated API received, as the journal shows it, for a form sent to setpriority. */
async function parsedBy (t: TestApp, text: string): Promise<unknown> {
  await t.request.delete('/_emulator/requests').expect(200)
  await t.request.post('/api/v2/ticket/setpriority').set('apiKey', t.apiKey).type('form').send(text)
  const { body } = await t.request.get('/_emulator/requests').expect(200)
  return body.requests[0].body
}

const qsParsed = (text: string) => JSON.parse(JSON.stringify(qs.parse(text, QS_OPTIONS)))

describe('form bodies', () => {
  let t: TestApp
  beforeAll(async () => { t = await buildTestApp() })
  afterAll(async () => { await t.app.close() })

  it('parse as qs parses them, with or without the shortcut: any text', async () => {
    await fc.assert(fc.asyncProperty(form, async (text) => {
      expect(await parsedBy(t, text)).toEqual(qsParsed(text))
    }), { seed: 20261125, numRuns: 300 })
  })

  it('parse as qs parses them, with or without the shortcut: fields and lists', async () => {
    await fc.assert(fc.asyncProperty(fieldForm, async (text) => {
      expect(await parsedBy(t, text)).toEqual(qsParsed(text))
    }), { seed: 20261125, numRuns: 300 })
  })

  it('inherits nothing: keys named like Object.prototype members are the form\'s own', () => {
    const parsed = parseSimpleForm('constructor=1&toString=2&hasOwnProperty[]=3') as Record<string, unknown>
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({ constructor: '1', toString: '2', hasOwnProperty: ['3'] })
    const plain = parseSimpleForm('a=1') as Record<string, unknown>
    for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) expect(plain[name]).toBeUndefined()
    expect(Object.keys(plain)).toEqual(['a'])
  })

  it('takes the shortcut for the forms clients send most, with the same result as qs', () => {
    const setstatus = Array.from({ length: 1000 }, (_, i) => `ticketIDs[]=${860000 + i}`).join('&') + '&status=open'
    const create = 'to=service%40mybrand.com&from=jan%2Bklant%40example.com&direction=inbound&channelID=1&brandID=2&title=Waar+blijft+%5Bmijn%5D+pakket%3F'
    for (const text of [setstatus, create]) {
      const simple = parseSimpleForm(text)
      expect(simple).toBeDefined()
      expect(JSON.parse(JSON.stringify(simple))).toEqual(qsParsed(text))
    }
  })
})
