// The image from testcontainers, through the package's own module (omnidesk-emulator/testcontainers):
// npm run test:testcontainers starts podman's Docker-compatible socket and builds the image first.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSeed } from '../../src/account/seed.js'
import { OmnideskEmulatorContainer, type StartedOmnideskEmulatorContainer } from '../../src/testcontainers.js'

const IMAGE = process.env.OMNIDESK_IMAGE ?? 'omnidesk-emulator:latest'

describe('OmnideskEmulatorContainer', () => {
  let emulator: StartedOmnideskEmulatorContainer
  beforeAll(async () => {
    emulator = await new OmnideskEmulatorContainer(IMAGE).withNow('2019-09-28 22:08:14').start()
  }, 120_000)
  afterAll(async () => { await emulator?.stop() })

  it('serves the documented ticket at getBaseUrl() with getApiKey(), once healthy', async () => {
    const res = await fetch(`${emulator.getBaseUrl()}/api/v2/ticket/858462`, { headers: { apiKey: emulator.getApiKey() } })
    expect(res.status).toBe(200)
    const { item } = await res.json() as { item: { title: string, sla_next_breach_seconds: number } }
    expect(item).toMatchObject({ title: 'vraag van Thomas', sla_next_breach_seconds: 222706 })
  })

  it('resets between tests, per account', async () => {
    const base = `${emulator.getBaseUrl()}/_accounts/worker-1`
    const put = await fetch(`${base}/api/v2/ticket/858462`, {
      method: 'PUT', headers: { apiKey: emulator.getApiKey(), 'content-type': 'application/json' }, body: JSON.stringify({ title: 'changed' })
    })
    expect(put.status).toBe(200)
    await emulator.reset({ account: 'worker-1' })
    const { item } = await (await fetch(`${base}/api/v2/ticket/858462`, { headers: { apiKey: emulator.getApiKey() } })).json() as { item: { title: string } }
    expect(item.title).toBe('vraag van Thomas')
  })

  it('starts with a seed of your own and a control token', async () => {
    // A seed of one's own: here the demo's tables in one file, the documented ticket renamed.
    const seed = readSeed(path.join(import.meta.dirname, '..', '..', 'seed'))
    const ticket = seed.tickets?.find((t) => t.id === 858462)
    if (ticket) ticket.title = 'from my own seed'
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-seed-')), 'seed.json')
    fs.writeFileSync(file, JSON.stringify(seed))
    const own = await new OmnideskEmulatorContainer(IMAGE)
      .withSeed(file)
      .withApiKey('my-own-test-key').withControlToken('a-control-token-for-tests').start()
    try {
      const res = await fetch(`${own.getBaseUrl()}/api/v2/ticket/858462`, { headers: { apiKey: 'my-own-test-key' } })
      expect(((await res.json()) as { item: { title: string } }).item.title).toBe('from my own seed')
      expect((await fetch(`${own.getBaseUrl()}/_emulator/reset`, { method: 'POST' })).status).toBe(401)
      await own.reset()
    } finally {
      await own.stop()
    }
  }, 120_000)
})
