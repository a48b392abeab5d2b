// The web inbox: server-rendered pages of one account (no build step, no CDN, a few lines of script).
// Every action goes through the real API or the control API, so the journal and triggers see it.
import type { ClockState } from '../clock.js'
import { TICKET_STATUSES } from '../domain/vocabulary.js'
import type { JournalEntry } from '../schemas/emulator.js'
import type { Ticket, TicketListItem, TimelineItem } from '../schemas/tickets.js'
import { html, Markup } from './html.js'

export interface PageContext {
  /** '' or '/_accounts/{name}': prefixed to every link and API call. */
  base: string
  account: string
  clock: ClockState
  /** The nonce of this page's one script (its Content-Security-Policy allows no other). */
  nonce: string
}

const STYLE = `
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --bg: #f6f7fa; --card: #fff; --accent: #1f5fbf; --warn: #b35a00; --bad: #b3261e; --ok: #1e7a3c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 2; }
header { display: flex; gap: 24px; align-items: center; padding: 10px 24px; background: #16213a; color: #fff; }
header a { color: #fff; text-decoration: none; } header a[aria-current] { text-decoration: underline; }
header .brand { font-weight: 700; } header .clock { margin-left: auto; font-variant-numeric: tabular-nums; opacity: .9; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 60px; }
h1 { font-size: 22px; margin: 0 0 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 14px; }
.filters a { padding: 3px 10px; border: 1px solid var(--line); border-radius: 999px; background: var(--card); text-decoration: none; color: var(--fg); }
.filters a[aria-current] { background: var(--accent); color: #fff; border-color: var(--accent); }
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
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 14px; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; } dt { color: var(--muted); }
ol.timeline { list-style: none; margin: 0; padding: 0; }
ol.timeline li { margin-bottom: 10px; }
.event { font-size: 13px; color: var(--muted); padding: 2px 0 2px 12px; border-left: 3px solid var(--line); }
.note { background: #fff8d8; border: 1px solid #eedd96; border-radius: 8px; padding: 10px 12px; }
.message { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.message.inbound { border-left: 4px solid var(--accent); } .message.outbound { border-left: 4px solid var(--ok); }
.meta { font-size: 12px; color: var(--muted); margin-bottom: 6px; }
iframe.mail { width: 100%; min-height: 90px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
form.action { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 10px; }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
select, input, textarea { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
textarea { width: 100%; min-height: 70px; }
pre { white-space: pre-wrap; word-break: break-word; background: #f0f2f6; padding: 8px; border-radius: 6px; font-size: 12px; max-height: 320px; overflow: auto; }
.result { font-size: 13px; } .result.error { color: var(--bad); }
`

/**
 * Sends a form's fields as JSON to the API (or control API), then reloads; shows the error envelope
 * if any. No API key in the page: the page's session cookie (HttpOnly, same origin only) stands for it.
 * A mail's remote content loads only when asked (the page's policy blocks it in the mail's frame).
 */
const SCRIPT = `
for (const button of document.querySelectorAll('button[data-remote]')) {
  button.addEventListener('click', () => {
    const frame = document.getElementById(button.dataset.remote)
    frame.removeAttribute('srcdoc')
    frame.src = button.dataset.src
    button.remove()
  })
}
for (const form of document.querySelectorAll('form[data-api]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const out = form.querySelector('.result')
    const body = {}
    for (const [name, value] of new FormData(form)) {
      if (value === '') continue
      const field = form.elements[name]
      const v = field && field.dataset && field.dataset.type === 'number' ? Number(value) : value
      if (name.endsWith('[]')) (body[name.slice(0, -2)] ??= []).push(v)
      else body[name] = v
    }
    const res = await fetch(form.dataset.api, { method: form.dataset.method || 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (res.ok) { location.reload(); return }
    const answer = await res.json().catch(() => ({}))
    out.textContent = answer.message || ('HTTP ' + res.status)
    out.classList.add('error')
  })
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

function layout (ctx: PageContext, title: string, current: string, body: Markup): string {
  const nav = (href: string, label: string) => html`<a href="${ctx.base}${href}" ${current === href ? html`aria-current="page"` : ''}>${label}</a>`
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Omnidesk emulator</title><style>${new Markup(STYLE)}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><span class="brand">Omnidesk emulator</span><span class="muted">account ${ctx.account}</span>
<nav aria-label="Main">${nav('/', 'Inbox')} · ${nav('/requests', 'Requests')} · ${nav('/clock', 'Clock')} · <a href="${ctx.base}/_emulator/docs">API docs</a></nav>
<span class="clock" data-clock data-frozen="${String(ctx.clock.frozen)}" title="The emulator clock">${ctx.clock.now} ${ctx.clock.frozen ? '(frozen)' : ''}</span></header>
<main id="main">${body}</main><script nonce="${ctx.nonce}">${new Markup(SCRIPT)}</script></body></html>`.text}`
}

const statusPill = (status: string) => html`<span class="pill status-${status}">${status}</span>`
const slaBadge = (t: Pick<TicketListItem, 'sla_next_breach_seconds' | 'sla_next_breach_current_status'>) => t.sla_next_breach_seconds === null
  ? html`<span class="muted">–</span>`
  : html`<span class="sla sla-${t.sla_next_breach_current_status ?? ''}" data-sla-seconds="${t.sla_next_breach_seconds}" data-sla-status="${t.sla_next_breach_current_status ?? ''}">${formatSla(t.sla_next_breach_seconds, t.sla_next_breach_current_status)}</span>`
const customerName = (t: TicketListItem) => t.customer ? `${t.customer.firstname} ${t.customer.lastname}`.trim() || (t.direction === 'inbound' ? t.from : t.to) : '(no customer)'
const nameOf = (options: Array<{ id: number, name: string }>, id: number) => options.find((o) => o.id === id)?.name ?? (id === 0 ? '' : `#${id}`)

export function inboxPage (ctx: PageContext, list: { total: number, items: TicketListItem[], status?: string, start: number, limit: number }): string {
  const filter = (status: string | undefined, label: string) =>
    html`<a href="${ctx.base}/${status ? `?status=${status}` : ''}" ${list.status === status ? html`aria-current="true"` : ''}>${label}</a>`
  const more = list.start + list.items.length < list.total
  return layout(ctx, 'Inbox', '/', html`<h1>Inbox <span class="muted">(${list.total} tickets)</span></h1>
<nav class="filters" aria-label="Filter by status">${filter(undefined, 'All')}${TICKET_STATUSES.map((s) => filter(s, s))}</nav>
<table><thead><tr><th scope="col">#</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Group</th><th scope="col">Assignee</th><th scope="col">Customer</th><th scope="col">SLA</th><th scope="col">Updated</th></tr></thead>
<tbody>${list.items.map((t) => html`<tr data-ticket="${t.id}"><td>${t.id}</td><td><a href="${ctx.base}/tickets/${t.id}">${t.title}</a></td><td>${statusPill(t.status)}</td>
<td class="prio-${t.priority}">${t.priority}</td><td>${nameOf(t.assign_options_groups, t.assigned_group_id)}</td><td>${nameOf(t.assign_options_users, t.assigned_user_id)}</td>
<td>${customerName(t)}</td><td>${slaBadge(t)}</td><td class="muted">${t.last_update}</td></tr>`)}</tbody></table>
${list.items.length === 0 ? html`<p class="muted">No tickets here.</p>` : ''}
${more ? html`<p><a href="${ctx.base}/?${list.status ? `status=${list.status}&` : ''}start=${list.start + list.limit}">Next ${list.limit}</a></p>` : ''}`)
}

function timelineItem (ctx: PageContext, ticketId: number, item: TimelineItem): Markup {
  if (item.type === 'event') {
    return html`<li class="event" data-type="event">${item.description} <span class="muted">· ${item.initiated_by} · ${item.created_at}</span></li>`
  }
  const who = item.type === 'note' ? `note by ${item.user_name}` : item.direction === 'inbound' ? `from ${item.from ?? 'customer'}` : `${item.user_name} to ${item.to ?? ''}`
  const isHtml = /<[a-z!][\s\S]*>/i.test(item.content)
  return html`<li class="${item.type === 'note' ? 'note' : `message ${item.direction}`}" data-type="${item.type}">
<div class="meta">${item.type === 'note' ? 'Internal note' : `${item.channel_name ?? 'message'} ${item.direction}`} · ${who} · ${item.created_at}${item.in_queue ? ` · queued until ${item.send_at ?? ''}` : ''}</div>
${isHtml ? mailFrame(ctx, ticketId, item.id, item.content) : html`<div>${item.content}</div>`}</li>`
}

/** HTML mail in a sandboxed frame: remote images, styles and fonts stay blocked until asked for, as in Mailpit. */
function mailFrame (ctx: PageContext, ticketId: number, itemId: string, content: string): Markup {
  const remote = /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\//i.test(content)
  return html`<iframe class="mail" id="mail-${itemId}" sandbox title="Message content" srcdoc="${content}"></iframe>
${remote ? html`<button type="button" class="secondary" data-remote="mail-${itemId}" data-src="${ctx.base}/tickets/${ticketId}/content/${itemId}?remote=1">Load remote content</button>` : ''}`
}

export function ticketPage (ctx: PageContext, ticket: Ticket): string {
  const api = (path: string) => `${ctx.base}/api/v2${path}`
  return layout(ctx, `#${ticket.id} ${ticket.title}`, '', html`<p><a href="${ctx.base}/">← Inbox</a></p>
<h1>#${ticket.id} ${ticket.title}</h1>
<div class="grid"><section aria-labelledby="timeline-title"><h2 id="timeline-title" class="muted" style="font-size:15px">Timeline</h2>
<ol class="timeline">${ticket.timeline.map((item) => timelineItem(ctx, ticket.id, item))}</ol></section>
<aside>
<div class="card"><dl>
<dt>Status</dt><dd data-field="status">${statusPill(ticket.status)}</dd>
<dt>Priority</dt><dd class="prio-${ticket.priority}">${ticket.priority}</dd>
<dt>Brand</dt><dd>${ticket.brand_name}</dd><dt>Channel</dt><dd>${ticket.channel_name} (${ticket.direction})</dd>
<dt>Group</dt><dd>${nameOf(ticket.assign_options_groups, ticket.assigned_group_id) || '–'}</dd>
<dt>Assignee</dt><dd>${nameOf(ticket.assign_options_users, ticket.assigned_user_id) || '–'}</dd>
<dt>Customer</dt><dd>${ticket.customer ? `${ticket.customer.firstname} ${ticket.customer.lastname}` : '(none)'}<br><span class="muted">${ticket.customer_channels.map((c) => c.unique_reference).join(', ')}</span></dd>
<dt>SLA</dt><dd>${slaBadge(ticket)} <span class="muted">${ticket.sla_next_breach ?? ''}</span></dd>
<dt>Created</dt><dd>${ticket.created_at}</dd><dt>Updated</dt><dd>${ticket.last_update}</dd>
<dt>Tags</dt><dd>${ticket.tags || '–'}</dd></dl></div>
<div class="card"><h2 style="font-size:15px;margin-top:0">Actions</h2>
<form class="action" data-api="${api('/ticket/setstatus')}"><input type="hidden" name="ticketIDs[]" value="${ticket.id}" data-type="number">
<label>Status <select name="status">${TICKET_STATUSES.map((s) => html`<option ${s === ticket.status ? 'selected' : ''}>${s}</option>`)}</select></label><button>Set status</button><span class="result" role="status"></span></form>
<form class="action" data-api="${api(`/ticket/${ticket.id}`)}" data-method="PUT">
<label>Group <select name="assignedGroupID" data-type="number"><option value="0">–</option>${ticket.assign_options_groups.map((g) => html`<option value="${g.id}" ${g.id === ticket.assigned_group_id ? 'selected' : ''}>${g.name}</option>`)}</select></label>
<label>Agent <select name="assignedUserID" data-type="number"><option value="0">–</option>${ticket.assign_options_users.map((u) => html`<option value="${u.id}" ${u.id === ticket.assigned_user_id ? 'selected' : ''}>${u.name}</option>`)}</select></label><button>Assign</button><span class="result" role="status"></span></form>
<form class="action" data-api="${api('/message')}"><input type="hidden" name="ticketID" value="${ticket.id}" data-type="number"><input type="hidden" name="type" value="0" data-type="number">
<label style="width:100%">Internal note <textarea name="message" required minlength="5"></textarea></label><button>Add note</button><span class="result" role="status"></span></form>
</div></aside></div>`)
}

export function requestsPage (ctx: PageContext, requests: JournalEntry[], total: number): string {
  const oldest = requests[0]?.id
  const older = oldest !== undefined && oldest > 1 && requests.length > 0
    ? html`<p><a href="${ctx.base}/requests?before=${oldest}">Older requests</a></p>`
    : ''
  return layout(ctx, 'Requests', '/requests', html`<h1>Requests <span class="muted">(${requests.length} of ${total} kept, newest first)</span></h1>
<p class="muted">Every API request of this account, as <code>GET ${ctx.base}/_emulator/requests</code> returns it.</p>
<table><thead><tr><th scope="col">#</th><th scope="col">At</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">ms</th><th scope="col">Details</th></tr></thead>
<tbody>${[...requests].reverse().map((r) => html`<tr data-request="${r.id}"><td>${r.id}</td><td class="muted">${r.at}</td><td><code>${r.method} ${r.path}</code>${r.fault ? html` <span class="pill">fault ${r.fault}</span>` : ''}</td>
<td>${r.status ?? 'dropped'}</td><td>${r.durationMs}</td><td><details><summary>body and response</summary><pre>${JSON.stringify(r.body, null, 2)}</pre><pre>${JSON.stringify(r.response, null, 2)}</pre></details></td></tr>`)}</tbody></table>
${older}`)
}

export function clockPage (ctx: PageContext): string {
  return layout(ctx, 'Clock', '/clock', html`<h1>Clock</h1>
<div class="card"><p>The emulator time of account <b>${ctx.account}</b> is <b data-now>${ctx.clock.now}</b> (${ctx.clock.timeZone}), ${ctx.clock.frozen ? 'frozen' : 'running'}.</p>
<form class="action" data-api="${ctx.base}/_emulator/clock" data-method="PUT"><label>Set to <input name="now" value="${ctx.clock.now}" pattern="\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}" required></label><button>Set (frozen)</button><span class="result" role="status"></span></form>
<form class="action" data-api="${ctx.base}/_emulator/clock/advance"><label>Advance by <input name="seconds" type="number" value="3600" data-type="number" required> seconds</label><button>Advance</button><span class="result" role="status"></span></form>
</div>`)
}

export function notFoundPage (ctx: PageContext, message: string): string {
  return layout(ctx, 'Not found', '', html`<h1>${message}</h1><p><a href="${ctx.base}/">← Inbox</a></p>`)
}
