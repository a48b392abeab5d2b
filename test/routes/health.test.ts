import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers.js'

describe('GET /_emulator/health', () => {
  let t: TestApp
  beforeEach(async () => { t = await buildTestApp() })
  afterEach(async () => { await t.app.close() })

  it('answers ok without an API key', async () => {
    const res = await t.request.get('/_emulator/health').expect(200)
    expect(res.body).toStrictEqual({ status: 'ok' })
  })
})
