// Flat forms skip qs (src/plugins/body-parsers.ts, parseFlatForm) for speed; the body the API sees
// must still be exactly what qs makes of them. Checked through the HTTP layer: the request journal
// shows the body as parsed, compared here with qs itself on generated forms (fixed seed).
import fc from 'fast-check'
import qs from 'qs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QS_OPTIONS } from '../../src/plugins/body-parsers.js'
import { buildTestApp, type TestApp } from '../helpers.js'

// Pieces that matter to a form parser: separators, escapes (valid and broken), plus signs, dots,
// brackets, repeated and prototype-ish keys, and text beyond ASCII.
const PIECES = ['a', 'b', 'title', '=', '&', '+', '%20', '%40', '%2', '%zz', '%E2%82%AC', '.', '[', ']', '[]', '%5B', '__proto__', 'constructor', 'é', '0', '']
const form = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join(''))

describe('form bodies', () => {
  let t: TestApp
  beforeAll(async () => { t = await buildTestApp() })
  afterAll(async () => { await t.app.close() })

  it('parse as qs parses them, with or without the flat-form shortcut', async () => {
    await fc.assert(fc.asyncProperty(form, async (text) => {
      await t.request.delete('/_emulator/requests').expect(200)
      await t.request.post('/api/v2/ticket/setpriority').set('apiKey', t.apiKey).type('form').send(text)
      const { body } = await t.request.get('/_emulator/requests').expect(200)
      expect(body.requests[0].body).toEqual(JSON.parse(JSON.stringify(qs.parse(text, QS_OPTIONS))))
    }), { seed: 20261125, numRuns: 300 })
  })
})
