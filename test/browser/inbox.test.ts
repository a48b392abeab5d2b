// The inbox in a real headless Chromium (Debian's chromium, driven by playwright-core), as a new user
// would use it: npm run test:browser. Screenshots go to test/artifacts/ (git-ignored).
import fs from 'node:fs'
import path from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../src/index.js'

const ARTIFACTS = path.join(import.meta.dirname, '..', 'artifacts')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

describe('the inbox in Chromium', () => {
  let emulator: RunningEmulator
  let browser: Browser
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true })
    emulator = await startEmulator({ now: '2019-09-28 22:08:14' })
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
  })
  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
  })

  it('filters, opens ticket 858462, sets it to open, and shows the event and the request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const started = Date.now()
    await page.goto(emulator.url)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await page.locator('h1').textContent()).toContain('Inbox')
    await page.screenshot({ path: path.join(ARTIFACTS, 'inbox.png'), fullPage: true })

    await page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: 'new', exact: true }).click()
    await page.waitForURL(/status=new/)
    const statuses = await page.locator('tbody .pill').allTextContents()
    expect(new Set(statuses)).toEqual(new Set(['new']))

    await page.getByRole('link', { name: 'vraag van Thomas' }).click()
    await page.waitForURL(/\/tickets\/858462$/)
    await page.getByLabel('Status').selectOption('open')
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Set status' }).click()])
    expect((await page.locator('[data-field="status"]').textContent())?.trim()).toBe('open')
    expect(await page.locator('li.event').allTextContents()).toContainEqual(expect.stringContaining('Status changed to open'))
    await page.screenshot({ path: path.join(ARTIFACTS, 'ticket-858462.png'), fullPage: true })

    await page.getByRole('link', { name: 'Requests' }).click()
    await page.waitForURL(/\/requests$/)
    expect(await page.locator('main').textContent()).toContain('POST /api/v2/ticket/setstatus')
    await page.screenshot({ path: path.join(ARTIFACTS, 'requests.png'), fullPage: true })
    await page.close()
  }, 60_000)
})
