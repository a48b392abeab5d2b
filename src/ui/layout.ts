// The inbox's frame: its style, its one script and the layout every page shares (header, navigation,
// account switcher, the live deliveries indicator). No build step, no CDN.
import type { DeliveryCounts } from '../account/live.js'
import { DEFAULT_ACCOUNT } from '../account/registry.js'
import type { ClockState } from '../clock.js'
import type { TicketListItem } from '../schemas/tickets.js'
import { html, Markup } from './html.js'

export interface PageContext {
  /** '' or '/_accounts/{name}': prefixed to every link and API call. */
  base: string
  account: string
  /** Every account in use, for the switcher. */
  accounts: string[]
  clock: ClockState
  deliveries: DeliveryCounts
  /** The nonce of this page's one script (its Content-Security-Policy allows no other). */
  nonce: string
}

const STYLE = `
:root { --fg: #1d2330; --muted: #566074; --line: #d9dee7; --bg: #f6f7fa; --card: #fff; --accent: #1f5fbf; --warn: #9a4d00; --bad: #b3261e; --ok: #1e7a3c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
header { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; padding: 10px 16px; background: #16213a; color: #fff; }
header a { color: #fff; } header nav a { text-decoration: none; } header a[aria-current] { text-decoration: underline; }
header .brand { font-weight: 700; } header .clock { margin-left: auto; font-variant-numeric: tabular-nums; }
header details { position: relative; } header summary { cursor: pointer; color: #dfe6f3; }
header details ul { position: absolute; z-index: 3; margin: 4px 0 0; padding: 6px 0; list-style: none; background: #fff; border: 1px solid var(--line); border-radius: 6px; min-width: 160px; }
header details li a { display: block; padding: 4px 12px; color: var(--accent); }
.live { font-size: 13px; color: #dfe6f3; } .live .failed { color: #ffb4ab; font-weight: 700; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 16px 60px; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 16px; margin: 0 0 10px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin: 0 0 14px; }
.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
tr:hover td { background: #f0f4fb; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; background: #e7ebf3; }
.status-new { background: #dbe8ff; } .status-open { background: #ffe7c2; } .status-pending { background: #efe3ff; }
.status-holding { background: #e6e6e6; } .status-solved { background: #d6f2df; } .status-closed { background: #d0d4dc; }
.prio-high { color: var(--warn); font-weight: 600; } .prio-urgent { color: var(--bad); font-weight: 700; }
.sla { font-variant-numeric: tabular-nums; } .sla-breached { color: var(--bad); font-weight: 700; } .sla-paused { color: var(--muted); }
.muted { color: var(--muted); }
.grid { display: grid; grid-template-columns: 2fr 1fr; gap: 20px; } @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 14px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; } dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
ol.timeline { list-style: none; margin: 0; padding: 0; }
ol.timeline li { margin-bottom: 10px; }
.event { font-size: 13px; color: var(--muted); padding: 2px 0 2px 12px; border-left: 3px solid var(--line); }
.note { background: #fff8d8; border: 1px solid #eedd96; border-radius: 8px; padding: 10px 12px; }
.message { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.message.inbound { border-left: 4px solid var(--accent); } .message.outbound { border-left: 4px solid var(--ok); }
.meta { font-size: 12px; color: var(--muted); margin-bottom: 6px; }
iframe.mail { width: 100%; min-height: 90px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
form.action { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 10px; }
form.stack { display: grid; gap: 8px; } form.stack label { display: grid; gap: 2px; }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
select, input, textarea { font: inherit; padding: 4px 8px; border: 1px solid #8a93a6; border-radius: 6px; background: #fff; color: var(--fg); max-width: 100%; }
textarea { width: 100%; min-height: 70px; }
pre { white-space: pre-wrap; word-break: break-word; background: #f0f2f6; padding: 8px; border-radius: 6px; font-size: 12px; max-height: 320px; overflow: auto; }
.result { font-size: 13px; } .result.error { color: var(--bad); }
`

/**
 * Sends a form's fields as JSON to the API (or control API) and shows the answer, or the error
 * envelope; the page's live parts are fetched again, so nothing reloads. No API key in the page:
 * its session cookie (HttpOnly, same origin only) stands for it. Server-sent events say when the
 * account changed (the live parts are fetched again) and how deliveries stand. A mail's remote
 * content loads only when asked (the page's policy blocks it in the mail's frame).
 */
const SCRIPT = `
const base = document.body.dataset.base
for (const button of document.querySelectorAll('button[data-remote]')) {
  button.addEventListener('click', () => {
    const frame = document.getElementById(button.dataset.remote)
    frame.removeAttribute('srcdoc')
    frame.src = button.dataset.src
    button.remove()
  })
}
function put (body, name, value) {
  const parts = name.replace(/\\]/g, '').split('[')
  const last = parts.pop()
  let at = body
  for (const part of parts) at = at[part] ??= {}
  at[last] = value
}
function bodyOf (form) {
  const body = {}
  for (const [name, value] of new FormData(form)) {
    if (value === '') continue
    const field = form.elements[name]
    const v = field && field.dataset && field.dataset.type === 'number' ? Number(value) : value
    if (name.endsWith('[]')) { const key = name.slice(0, -2); (body[key] ??= []).push(v) } else put(body, name, v)
  }
  return body
}
for (const form of document.querySelectorAll('form[data-api]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const out = form.querySelector('.result')
    out.classList.remove('error')
    out.textContent = 'Sending\u2026'
    const res = await fetch(form.dataset.api, { method: form.dataset.method || 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodyOf(form)) })
    const answer = await res.json().catch(() => ({}))
    if (res.ok) {
      out.textContent = answer.ticketID ? 'Done: ticket ' + answer.ticketID + '.' : (answer.message || 'Done.')
      for (const field of form.querySelectorAll('textarea, input[data-clear]')) field.value = ''
      if (answer.chatSessionID) for (const field of form.querySelectorAll('input[name=chatSessionID]')) field.value = answer.chatSessionID
      refresh()
      return
    }
    out.textContent = answer.message || ('HTTP ' + res.status)
    out.classList.add('error')
  })
}
const fetching = { page: null }
async function refresh () {
  if (fetching.page) return fetching.page
  fetching.page = (async () => {
    const res = await fetch(location.href, { headers: { accept: 'text/html' } })
    if (!res.ok) return
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html')
    for (const part of document.querySelectorAll('[data-live]')) {
      const next = fresh.getElementById(part.id)
      if (next && next.innerHTML !== part.innerHTML) part.innerHTML = next.innerHTML
    }
  })().finally(() => { fetching.page = null })
  return fetching.page
}
function showDeliveries (counts) {
  const out = document.getElementById('live-deliveries')
  if (!out) return
  out.innerHTML = ''
  out.append('Deliveries: ' + counts.delivered + ' delivered, ' + counts.pending + ' pending, ')
  const failed = document.createElement('span')
  if (counts.failed > 0) failed.className = 'failed'
  failed.textContent = counts.failed + ' failed'
  out.append(failed)
}
if (window.EventSource) {
  let opened = false
  const source = new EventSource(base + '/events')
  source.addEventListener('open', () => { if (opened) refresh(); opened = true; document.body.dataset.live = 'on' })
  source.addEventListener('change', () => refresh())
  source.addEventListener('deliveries', (event) => showDeliveries(JSON.parse(event.data)))
}
const clock = document.querySelector('[data-clock]')
if (clock && clock.dataset.frozen === 'false') {
  const started = Date.now()
  const tick = () => {
    const passed = Math.floor((Date.now() - started) / 1000)
    for (const badge of document.querySelectorAll('[data-sla-seconds]')) badge.textContent = formatSla(Number(badge.dataset.slaSeconds) - passed, badge.dataset.slaStatus)
  }
  setInterval(tick, 1000)
}
function formatSla (s, status) {
  if (status === 'paused') return 'paused'
  const sign = s < 0 ? '-' : ''
  const a = Math.abs(s); const d = Math.floor(a / 86400); const h = Math.floor(a % 86400 / 3600); const m = Math.floor(a % 3600 / 60)
  return sign + (d ? d + 'd ' : '') + h + 'h ' + String(m).padStart(2, '0') + 'm' + (s < 0 ? ' breached' : '')
}
`

export function formatSla (seconds: number | null, status: string | null): string {
  if (seconds === null) return ''
  if (status === 'paused') return 'paused'
  const a = Math.abs(seconds)
  const d = Math.floor(a / 86400)
  const h = Math.floor((a % 86400) / 3600)
  const m = Math.floor((a % 3600) / 60)
  return `${seconds < 0 ? '-' : ''}${d ? `${d}d ` : ''}${h}h ${String(m).padStart(2, '0')}m${seconds < 0 ? ' breached' : ''}`
}

const NAV: Array<[href: string, label: string]> = [
  ['/', 'Inbox'], ['/play', 'Play the customer'], ['/deliveries', 'Deliveries'], ['/triggers', 'Triggers'], ['/requests', 'Requests'], ['/clock', 'Clock']
]

/** The link to an account's inbox: the default account's at /, the others' under /_accounts/{name}. */
const accountBase = (name: string) => (name === DEFAULT_ACCOUNT ? '' : `/_accounts/${name}`)

export function layout (ctx: PageContext, title: string, current: string, body: Markup): string {
  const nav = (href: string, label: string) => html`<a href="${ctx.base}${href}" ${current === href ? html`aria-current="page"` : ''}>${label}</a>`
  const { delivered, pending, failed } = ctx.deliveries
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} \u00b7 Omnidesk emulator</title><style>${new Markup(STYLE)}</style></head>
<body data-base="${ctx.base}"><a class="skip" href="#main">Skip to content</a>
<header><span class="brand">Omnidesk emulator</span>
<details><summary>Account: ${ctx.account}</summary><ul aria-label="Switch account">${ctx.accounts.map((name) => html`<li><a href="${accountBase(name)}/" ${name === ctx.account ? html`aria-current="true"` : ''}>${name}</a></li>`)}</ul></details>
<nav aria-label="Main">${NAV.map(([href, label], i) => html`${i > 0 ? ' \u00b7 ' : ''}${nav(href, label)}`)} \u00b7 <a href="${ctx.base}/_emulator/docs">API docs</a></nav>
<a class="live" href="${ctx.base}/deliveries"><span id="live-deliveries" role="status" aria-live="polite">Deliveries: ${delivered} delivered, ${pending} pending, <span class="${failed > 0 ? 'failed' : ''}">${failed} failed</span></span></a>
<span class="clock" data-clock data-frozen="${String(ctx.clock.frozen)}" title="The emulator clock">${ctx.clock.now} ${ctx.clock.frozen ? '(frozen)' : ''}</span></header>
<main id="main">${body}</main><script nonce="${ctx.nonce}">${new Markup(SCRIPT)}</script></body></html>`.text}`
}

export const statusPill = (status: string) => html`<span class="pill status-${status}">${status}</span>`
export const slaBadge = (t: Pick<TicketListItem, 'sla_next_breach_seconds' | 'sla_next_breach_current_status'>) => t.sla_next_breach_seconds === null
  ? html`<span class="muted">\u2013</span>`
  : html`<span class="sla sla-${t.sla_next_breach_current_status ?? ''}" data-sla-seconds="${t.sla_next_breach_seconds}" data-sla-status="${t.sla_next_breach_current_status ?? ''}">${formatSla(t.sla_next_breach_seconds, t.sla_next_breach_current_status)}</span>`
export const nameOf = (options: Array<{ id: number, name: string }>, id: number) => options.find((o) => o.id === id)?.name ?? (id === 0 ? '' : `#${id}`)

/** A labelled select of options, the current one selected; '' stands for any. */
export function selectField (label: string, name: string, options: Array<{ id: number | string, name: string }>, current: number | string | undefined, any = 'any'): Markup {
  return html`<label>${label} <select name="${name}"><option value="">${any}</option>${options.map((o) => html`<option value="${o.id}" ${String(o.id) === String(current ?? '') ? 'selected' : ''}>${o.name}</option>`)}</select></label>`
}
