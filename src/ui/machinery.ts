// The inbox's pages of the machinery: playing the customer, the deliveries (webhooks, chat hookpoints,
// custom channels) with their signed headers and retries, what the triggers did, the request journal
// and the clock.
import type { BrandSettings } from '../stores/brands.js'
import type { HookpointDelivery } from '../schemas/hookpoints.js'
import type { JournalEntry } from '../schemas/emulator.js'
import type { Trigger } from '../schemas/triggers.js'
import type { Delivery } from '../schemas/webhooks.js'
import { html, type Markup } from './html.js'
import { layout, type PageContext } from './layout.js'

const result = html`<span class="result" role="status"></span>`

export function playPage (ctx: PageContext, brands: BrandSettings[]): string {
  const brandSelect = (id: string, has: (b: BrandSettings) => boolean) =>
    html`<label for="${id}">Brand</label><select id="${id}" name="brandID" data-type="number">${brands.filter(has).map((b) => html`<option value="${b.id}">${b.name}</option>`)}</select>`
  return layout(ctx, 'Play the customer', '/play', html`<h1>Play the customer</h1>
<p class="muted">Each form calls the endpoint an integration would call (<code>email/newInboundMessage</code>, <code>chat/notifyUserNewChatMessage</code>, <code>telephone/newInboundCall</code> and <code>callCreateTicket</code>), so triggers, SLA, webhooks and hookpoints fire as they would. The new ticket shows in the inbox at once.</p>
<div class="cards">
<form class="card stack" data-api="${ctx.base}/_emulator/play/email" aria-labelledby="play-mail"><h2 id="play-mail">Send an e-mail</h2>
${brandSelect('mail-brand', (b) => b.email_addresses.length > 0)}
<label>Your name <input name="fromName" value="Kim de Jong" autocomplete="off"></label>
<label>Your address <input name="fromAddress" type="email" value="kim.dejong@example.com" required></label>
<label>Subject <input name="subject" required data-clear></label>
<label>Mail <textarea name="body" required></textarea></label><div><button>Send e-mail</button> ${result}</div></form>
<form class="card stack" data-api="${ctx.base}/_emulator/play/chat" aria-labelledby="play-chat"><h2 id="play-chat">Chat</h2>
${brandSelect('chat-brand', (b) => b.chat_accounts.length > 0)}
<label>Chat session <input name="chatSessionID" placeholder="new session" autocomplete="off"></label>
<label>Chatbot server (the agent's answers go there) <input name="chatServer" value="http://localhost:4000/chatbot"></label>
<label>Message <textarea name="message" required></textarea></label><div><button>Send chat message</button> ${result}</div></form>
<form class="card stack" data-api="${ctx.base}/_emulator/play/call" aria-labelledby="play-call"><h2 id="play-call">Phone call</h2>
${brandSelect('call-brand', (b) => b.telephone_numbers.length > 0)}
<label>Calling from <input name="telephoneNumberCalling" value="+31612345678" inputmode="tel" required></label>
<div><button>Call and wait in the queue</button> ${result}</div></form>
</div>`)
}

function attempts (list: Delivery['attempts']): Markup {
  return html`<ol>${list.map((a) => html`<li>${a.at}: ${a.status ?? 'no answer'} in ${a.durationMs} ms${a.error ? html` \u00b7 <span class="result error">${a.error}</span>` : ''}
${a.headers ? html`<details><summary>headers sent</summary><pre>${Object.entries(a.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre></details>` : ''}</li>`)}</ol>`
}

export function deliveriesPage (ctx: PageContext, webhooks: Delivery[], hookpoints: HookpointDelivery[]): string {
  const row = (kind: Markup | string, to: string, what: string, ticketId: number, state: string, tried: Delivery['attempts']) =>
    html`<tr><td>${kind}</td><td><code>${to}</code></td><td>${what}</td><td>${ticketId > 0 ? html`<a href="${ctx.base}/tickets/${ticketId}">${ticketId}</a>` : '\u2013'}</td><td><span class="pill">${state}</span></td><td>${attempts(tried)}</td></tr>`
  const all = [
    ...webhooks.map((d) => ({ key: d.attempts[0]?.at ?? '', row: row('webhook', d.webhookId, d.type, d.ticketId, d.state, d.attempts) })),
    ...hookpoints.map((d) => ({ key: d.attempts[0]?.at ?? '', row: row(d.hookpoint === 'customChannel' ? 'custom channel' : 'chat hookpoint', d.url, d.hookpoint, d.ticketId, d.state, d.attempts) }))
  ].sort((a, b) => b.key.localeCompare(a.key))
  return layout(ctx, 'Deliveries', '/deliveries', html`<h1>Deliveries</h1>
<p class="muted">What the emulator sent out: webhooks (<code>GET ${ctx.base}/_emulator/webhooks/deliveries</code>), chat hookpoints and custom channel messages (<code>GET ${ctx.base}/_emulator/hookpoints</code>), newest first, each attempt with its answer and the headers it carried.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Deliveries" id="deliveries" data-live><table><thead><tr><th scope="col">Kind</th><th scope="col">To</th><th scope="col">What</th><th scope="col">Ticket</th><th scope="col">State</th><th scope="col">Attempts</th></tr></thead>
<tbody>${all.map((d) => d.row)}</tbody></table>${all.length === 0 ? html`<p class="muted">Nothing sent yet. Register a webhook (<code>POST /_emulator/webhooks</code>) or answer a chat.</p>` : ''}</div>`)
}

export function triggersPage (ctx: PageContext, triggers: Trigger[], firings: Array<{ ticketId: number, by: string, description: string, at: string }>): string {
  const describe = (c: { field: string, operator: string, value: unknown }) => `${c.field} ${c.operator} ${JSON.stringify(c.value)}`
  return layout(ctx, 'Triggers', '/triggers', html`<h1>Triggers</h1>
<p class="muted">The account's triggers in the order they run (<code>PUT ${ctx.base}/_emulator/triggers</code> replaces them), and what they did.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Triggers"><table><thead><tr><th scope="col">Trigger</th><th scope="col">On</th><th scope="col">When</th><th scope="col">Then</th></tr></thead>
<tbody>${triggers.map((t) => html`<tr><td>${t.name}${t.active ? '' : html` <span class="pill">inactive</span>`}</td><td>${t.event}</td>
<td>${[...(t.conditions.all ?? []).map(describe), ...(t.conditions.any?.length ? [`any of: ${(t.conditions.any ?? []).map(describe).join('; ')}`] : [])].join(' and ')}</td>
<td>${t.actions.map((a) => `${a.type} ${a.value}`).join(', ')}</td></tr>`)}</tbody></table></div>
<h2 style="margin-top:20px">Fired</h2>
<div class="scroll" tabindex="0" role="region" aria-label="Fired triggers" id="firings" data-live><table><thead><tr><th scope="col">At</th><th scope="col">Trigger</th><th scope="col">Ticket</th><th scope="col">Did</th></tr></thead>
<tbody>${firings.map((f) => html`<tr><td class="muted">${f.at}</td><td>${f.by.replace(/^trigger: /, '')}</td><td><a href="${ctx.base}/tickets/${f.ticketId}">${f.ticketId}</a></td><td>${f.description}</td></tr>`)}</tbody></table></div>`)
}

export function requestsPage (ctx: PageContext, requests: JournalEntry[], total: number): string {
  const oldest = requests[0]?.id
  const older = oldest !== undefined && oldest > 1 && requests.length > 0
    ? html`<p><a href="${ctx.base}/requests?before=${oldest}">Older requests</a></p>`
    : ''
  return layout(ctx, 'Requests', '/requests', html`<h1>Requests <span class="muted">(${requests.length} of ${total} kept, newest first)</span></h1>
<p class="muted">Every API request of this account, as <code>GET ${ctx.base}/_emulator/requests</code> returns it.</p>
<div class="scroll" tabindex="0" role="region" aria-label="Requests"><table><thead><tr><th scope="col">#</th><th scope="col">At</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">ms</th><th scope="col">Details</th></tr></thead>
<tbody>${[...requests].reverse().map((r) => html`<tr data-request="${r.id}"><td>${r.id}</td><td class="muted">${r.at}</td><td><code>${r.method} ${r.path}</code>${r.outbound ? html` <span class="pill">${r.outbound}</span>` : ''}${r.fault ? html` <span class="pill">fault ${r.fault}</span>` : ''}</td>
<td>${r.status ?? 'dropped'}</td><td>${r.durationMs}</td><td><details><summary>body and response</summary><pre>${JSON.stringify(r.body, null, 2)}</pre><pre>${JSON.stringify(r.response, null, 2)}</pre></details></td></tr>`)}</tbody></table></div>
${older}`)
}

export function clockPage (ctx: PageContext): string {
  const advance = (seconds: number, label: string) => html`<form class="action" data-api="${ctx.base}/_emulator/clock/advance"><input type="hidden" name="seconds" value="${seconds}" data-type="number"><button>${label}</button>${result}</form>`
  return layout(ctx, 'Clock', '/clock', html`<h1>Clock</h1>
<div class="card"><p id="clock-state" data-live>The emulator time of account <b>${ctx.account}</b> is <b data-now>${ctx.clock.now}</b> (${ctx.clock.timeZone}), ${ctx.clock.frozen ? 'frozen' : 'running'}.</p>
<form class="action" data-api="${ctx.base}/_emulator/clock" data-method="PUT"><label>Set to <input name="now" value="${ctx.clock.now}" pattern="\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}" required></label><button>Set (frozen)</button>${result}</form>
<form class="action" data-api="${ctx.base}/_emulator/clock/advance"><label>Advance by <input name="seconds" type="number" value="3600" data-type="number" required> seconds</label><button>Advance</button>${result}</form>
<div class="filters" role="group" aria-label="Advance the clock">${advance(15 * 60, '+15 minutes')}${advance(3600, '+1 hour')}${advance(86400, '+1 day')}${advance(7 * 86400, '+1 week')}</div>
</div>`)
}
