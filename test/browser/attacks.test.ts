// Another web page in a real Chromium tries to drive the emulator (CSRF: forms and no-cors fetches
// from a page on another port, an <img> with a malformed escape) and to read it under a rebound name
// (DNS rebinding, a name the browser resolves to 127.0.0.1). None of it may change, read or kill anything.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../src/index.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const KEY = 'omnidesk-demo-key'

function attackerPage (emulator: string): string {
  const form = (action: string, fields: Record<string, string>) =>
    `<form method="POST" action="${emulator}${action}" target="_blank">${Object.entries(fields).map(([name, value]) => `<input name="${name}" value="${value}">`).join('')}</form>`
  return `<!doctype html><html><body>
${form('/_emulator/reset', { seed: 'false' })}
${form(`/api/v2/ticket/setstatus?apiKey=${KEY}`, { 'ticketIDs[]': '858462', status: 'closed' })}
${form('/_emulator/webhooks', { url: 'http://127.0.0.1:9/steal' })}
${form('/_emulator/play/email', { brandID: '2', fromAddress: 'x@evil.example', subject: 'planted', body: 'planted' })}
<img src="${emulator}/_accounts/%25/x"><img src="${emulator}/_accounts/%/x">
<script>
for (const form of document.forms) form.submit()
const opts = (body) => ({ method: 'POST', mode: 'no-cors', body, headers: { 'content-type': 'text/plain' } })
fetch('${emulator}/_emulator/reset', { method: 'POST', mode: 'no-cors' })
fetch('${emulator}/_emulator/clock/advance', opts('{"seconds":86400}'))
fetch('${emulator}/api/v2/ticket/setstatus?apiKey=${KEY}', opts('ticketIDs[]=858462&status=closed'))
fetch('${emulator}/_emulator/play/chat', opts('{"brandID":2,"message":"planted"}'))
const events = []
for (let i = 0; i < 25; i++) events.push(new EventSource('${emulator}/events'))
fetch('${emulator}/_emulator/snapshot').then((r) => r.text()).then((t) => { document.title = 'read ' + t.length }, () => { document.title = 'blocked' })
</script></body></html>`
}

describe('another web page in Chromium', () => {
  let emulator: RunningEmulator
  let attacker: http.Server
  let browser: Browser
  let attackerUrl = ''
  beforeAll(async () => {
    emulator = await startEmulator({ now: '2019-09-28 22:08:14' })
    attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(emulator.url)))
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--host-resolver-rules=MAP rebind.test 127.0.0.1']
    })
  })
  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    attacker?.close()
  })

  it('cannot reset, move the clock, change a ticket, register a webhook, play a customer, hold the live events, read a snapshot or kill the server', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(attackerUrl)
    await page.waitForFunction('document.title !== ""', undefined, { timeout: 10_000 })
    expect(await page.title()).toBe('blocked')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await context.close()

    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200)
    const ticket = await (await fetch(`${emulator.url}/api/v2/ticket/858462`, { headers: { apiKey: KEY } })).json() as { item: { status: string } }
    expect(ticket.item.status).toBe('new')
    const clock = await (await fetch(`${emulator.url}/_emulator/clock`)).json() as { now: string }
    expect(clock.now).toBe('2019-09-28 22:08:14')
    const hooks = await (await fetch(`${emulator.url}/_emulator/webhooks`)).json() as { webhooks: unknown[] }
    expect(hooks.webhooks).toEqual([])
    const list = await (await fetch(`${emulator.url}/api/v2/ticket?itemLimit=100`, { headers: { apiKey: KEY } })).json() as { itemTotal: number, items: Array<{ title: string }> }
    expect(list.items.map((t) => t.title)).not.toContain('planted')
    // The inbox's own page still gets its live events: the other page held none of their places.
    const own = await browser.newPage()
    await own.goto(emulator.url)
    await expect.poll(async () => await own.evaluate('document.body.dataset.live')).toBe('on')
    await own.close()
  }, 30_000)

  it('does not serve a rebound name (DNS rebinding): the page gets a 403 envelope, not the data', async () => {
    const page = await browser.newPage()
    const port = new URL(emulator.url).port
    const res = await page.goto(`http://rebind.test:${port}/_accounts/default/api/v2/ticket/858462?apiKey=${KEY}`)
    expect(res?.status()).toBe(403)
    const body = await page.locator('body').textContent()
    expect(body).toContain("The host 'rebind.test' is not one this emulator serves")
    expect(body).not.toContain('vraag van Thomas')
    await page.close()
  }, 30_000)
})
