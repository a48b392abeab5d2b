// The inbox in a real headless Chromium (Debian's chromium, driven by playwright-core), as a new user
// would use it: npm run test:browser. Both sides are played (the customer's e-mail, chat and call;
// the agent's answer reaching a real chatbot server), a second page sees the first page's changes
// without a reload, every page is checked with axe-core, at 1280 and at 375 pixels wide.
// Screenshots go to test/artifacts/ (git-ignored).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningEmulator, startEmulator } from '../../src/index.js'
import { type Receiver, startReceiver } from '../helpers.js'

const ARTIFACTS = path.join(import.meta.dirname, '..', 'artifacts')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Marks the page; if it reloads, the mark is gone. */
const mark = async (page: Page) => { await page.evaluate('window.stayed = true') }
const stayed = async (page: Page) => await page.evaluate('window.stayed === true')
const live = async (page: Page) => await page.evaluate('document.body.dataset.live')
const shot = async (page: Page, name: string) => { await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true }) }

describe('the inbox in Chromium', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let chatbot: Receiver
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true })
    emulator = await startEmulator({ now: '2019-09-28 22:08:14' })
    chatbot = await startReceiver('/bot')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    })
  })
  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    await chatbot?.close()
  })

  it('finds tickets, opens 858462, sets it to open without a reload, and shows the event and the request', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const started = Date.now()
    await page.goto(emulator.url)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await page.locator('h1').textContent()).toContain('Inbox')
    await shot(page, 'inbox')

    const find = page.getByRole('search', { name: 'Find tickets' })
    await find.getByLabel('Status').selectOption('new')
    await find.getByLabel('Brand').selectOption({ label: 'MyBrand' })
    await find.getByRole('button', { name: 'Find' }).click()
    await page.waitForURL(/status=new/)
    expect(new Set(await page.locator('tbody .pill').allTextContents())).toEqual(new Set(['new']))

    await page.getByRole('link', { name: 'vraag van Thomas' }).click()
    await page.waitForURL(/\/tickets\/858462$/)
    await mark(page)
    await page.getByRole('combobox', { name: /^Status/ }).selectOption('open')
    await page.getByRole('button', { name: 'Set status' }).click()
    await expect.poll(async () => (await page.locator('[data-field="status"]').textContent())?.trim()).toBe('open')
    await expect.poll(async () => await page.locator('li.event').allTextContents()).toContainEqual(expect.stringContaining('Status changed to open'))
    expect(await stayed(page)).toBe(true)
    await shot(page, 'ticket-858462')

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Requests' }).click()
    await page.waitForURL(/\/requests$/)
    expect(await page.locator('main').textContent()).toContain('POST /api/v2/ticket/setstatus')
    await shot(page, 'requests')
    await page.close()
  }, 60_000)

  it('plays the customer\'s e-mail and chat, answers as the agent, and a second page sees it all live', async () => {
    const inbox = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await inbox.goto(emulator.url)
    await expect.poll(async () => await live(inbox)).toBe('on')
    await mark(inbox)
    const play = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await play.goto(`${emulator.url}/play`)

    const mail = play.getByRole('form', { name: 'Send an e-mail' })
    await mail.getByLabel('Subject').fill('Mijn pakket is zoek')
    await mail.getByLabel('Mail').fill('Ik wacht al een week.')
    await mail.getByRole('button', { name: 'Send e-mail' }).click()
    await expect.poll(async () => await mail.getByRole('status').textContent()).toMatch(/Done: ticket \d+\./)
    // The other page shows the new ticket without a reload.
    await expect.poll(async () => await inbox.locator('#tickets').textContent(), { timeout: 5000 }).toContain('Mijn pakket is zoek')
    expect(await stayed(inbox)).toBe(true)
    await shot(inbox, 'inbox-live-mail')

    const chat = play.getByRole('form', { name: 'Chat' })
    await chat.getByLabel('Brand').selectOption({ label: 'De Spaak Fietsen' })
    await chat.getByLabel(/Chatbot server/).fill(chatbot.url)
    await chat.getByLabel('Message').fill('Is mijn fiets al klaar?')
    await chat.getByRole('button', { name: 'Send chat message' }).click()
    await expect.poll(async () => await chat.getByRole('status').textContent()).toMatch(/Done: ticket \d+\./)
    const chatTicket = Number(/ticket (\d+)/.exec(await chat.getByRole('status').textContent() ?? '')?.[1])
    await expect.poll(async () => await inbox.locator('#tickets').textContent()).toContain('Is mijn fiets al klaar?')

    const call = play.getByRole('form', { name: 'Phone call' })
    await call.getByRole('button', { name: 'Call and wait in the queue' }).click()
    await expect.poll(async () => await call.getByRole('status').textContent()).toMatch(/Done: ticket \d+\./)
    await shot(play, 'play')

    // The agent answers on the chat ticket: the chatbot's messageForCustomer receives it.
    const ticket = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await ticket.goto(`${emulator.url}/tickets/${chatTicket}`)
    await mark(ticket)
    const reply = ticket.getByRole('form', { name: 'Answer as the agent' })
    await reply.getByLabel('Agent').selectOption({ label: 'sanne' })
    await reply.getByLabel(/^Message/).fill('Ja, je kunt hem vanmiddag ophalen.')
    await reply.getByRole('button', { name: 'Send answer' }).click()
    await expect.poll(() => chatbot.received.map((r) => r.path), { timeout: 5000 }).toContain('/bot/messageForCustomer')
    expect(chatbot.received.find((r) => r.path === '/bot/messageForCustomer')?.body).toMatchObject({ message: 'Ja, je kunt hem vanmiddag ophalen.', userName: 'sanne' })
    await expect.poll(async () => await ticket.locator('#timeline').textContent()).toContain('Ja, je kunt hem vanmiddag ophalen.')
    // The customer chats back from the same page.
    const customer = ticket.getByRole('form', { name: 'Chat as the customer' })
    await customer.getByLabel('Message').fill('Top, tot straks!')
    await customer.getByRole('button', { name: 'Send as the customer' }).click()
    await expect.poll(async () => await ticket.locator('#timeline').textContent()).toContain('Top, tot straks!')
    expect(await stayed(ticket)).toBe(true)
    await shot(ticket, 'ticket-chat')
    // The first page's indicator counts the delivery, live.
    await expect.poll(async () => await inbox.locator('#live-deliveries').textContent(), { timeout: 5000 }).toMatch(/[1-9]\d* delivered/)
    expect(await stayed(inbox)).toBe(true)

    await ticket.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click()
    await ticket.waitForURL(/\/deliveries$/)
    expect(await ticket.locator('#deliveries').textContent()).toContain('messageForCustomer')
    await ticket.getByText('headers sent').first().click()
    expect(await ticket.locator('#deliveries pre').first().textContent()).toContain('content-type: application/json')
    await shot(ticket, 'deliveries')
    for (const page of [inbox, play, ticket]) await page.close()
  }, 90_000)

  it('moves the clock with its buttons, switches accounts, shows what the triggers did, and works by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${emulator.url}/clock`)
    const before = await page.locator('[data-now]').textContent()
    await page.getByRole('button', { name: '+1 day' }).click()
    await expect.poll(async () => await page.locator('[data-now]').textContent()).not.toBe(before)

    await fetch(`${emulator.url}/_accounts/acme/`)
    await page.goto(emulator.url)
    await page.getByText('Account: default').click()
    await page.getByRole('list', { name: 'Switch account' }).getByRole('link', { name: 'acme' }).click()
    await page.waitForURL(/\/_accounts\/acme\/$/)
    expect(await page.getByText('Account: acme').count()).toBe(1)

    await page.goto(emulator.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triggers' }).click()
    await page.waitForURL(/\/triggers$/)
    expect(await page.getByRole('region', { name: 'Fired triggers' }).locator('tbody tr').count()).toBeGreaterThan(0)
    await page.getByRole('region', { name: 'Fired triggers' }).getByRole('link').first().click()
    await page.waitForURL(/\/tickets\/\d+$/)
    expect(await page.locator('#timeline').textContent()).toContain('trigger: ')

    await page.goto(emulator.url)
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content')
    await page.getByLabel('Search').focus()
    await page.keyboard.type('olijfboom')
    await page.keyboard.press('Enter')
    await page.waitForURL(/query=olijfboom/)
    expect(await page.locator('#tickets').textContent()).toContain('Olijfboom')
    await shot(page, 'triggers-and-search')
    await page.close()
  }, 60_000)

  it('passes axe-core on every page, at 1280 and at 375 pixels wide, without sideways scrolling', async () => {
    const context = await browser.newContext({ bypassCSP: true })
    const pages = ['/', '/tickets/858462', '/tickets/858495', '/play', '/deliveries', '/triggers', '/requests', '/clock']
    for (const width of [1280, 375]) {
      const page = await context.newPage()
      await page.setViewportSize({ width, height: 800 })
      for (const at of pages) {
        await page.goto(`${emulator.url}${at}`)
        await page.evaluate(AXE)
        const violations = await page.evaluate("axe.run().then((r) => r.violations.map((v) => v.id + ': ' + JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))))")
        expect(violations, `${at} at ${width} px`).toEqual([])
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number
        expect(overflow, `${at} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0)
        if (width === 375) await shot(page, `narrow${at.replace(/\//g, '-') || '-inbox'}`)
      }
      await page.close()
    }
    await context.close()
  }, 120_000)
})
