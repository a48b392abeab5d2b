// The inbox's ticket pages: the list with its search, filters and pages, and a ticket with its
// timeline, where an agent answers and a customer can be played. Every action goes through the real
// API (or the control API's play routes, which call it), so the journal, triggers and hookpoints see it.
import { TICKET_STATUSES } from '../domain/vocabulary.js'
import type { Ticket, TicketListItem, TimelineItem } from '../schemas/tickets.js'
import type { InboxFilter } from '../views/tickets.js'
import { html, type Markup } from './html.js'
import { layout, nameOf, type PageContext, selectField, slaBadge, statusPill } from './layout.js'

const customerName = (t: TicketListItem) => t.customer ? `${t.customer.firstname} ${t.customer.lastname}`.trim() || (t.direction === 'inbound' ? t.from : t.to) : '(no customer)'

export interface InboxList {
  total: number
  items: TicketListItem[]
  start: number
  limit: number
  status?: string
  query?: string
  filter: InboxFilter
}

/** What the filters offer: the account's brands, groups, agents and channels. */
export interface FilterOptions {
  brands: Array<{ id: number, name: string }>
  groups: Array<{ id: number, name: string }>
  users: Array<{ id: number, name: string }>
  channels: Array<{ id: number, name: string }>
}

/** The inbox's address with these filters (and another start). */
function inboxHref (ctx: PageContext, list: InboxList, start: number): string {
  const params = new URLSearchParams()
  if (list.query) params.set('query', list.query)
  if (list.status) params.set('status', list.status)
  for (const [key, value] of Object.entries(list.filter)) if (value !== undefined) params.set(key, String(value))
  if (start > 0) params.set('start', String(start))
  const text = params.toString()
  return `${ctx.base}/${text ? `?${text}` : ''}`
}

export function inboxPage (ctx: PageContext, list: InboxList, options: FilterOptions): string {
  const { filter } = list
  const end = list.start + list.items.length
  return layout(ctx, 'Inbox', '/', html`<h1>Inbox <span class="muted" id="count" data-live>(${list.total} tickets)</span></h1>
<form class="filters" method="get" action="${ctx.base}/" role="search" aria-label="Find tickets">
<label>Search <input type="search" name="query" value="${list.query ?? ''}" placeholder="title or address"></label>
${selectField('Status', 'status', TICKET_STATUSES.map((s) => ({ id: s, name: s })), list.status)}
${selectField('Brand', 'brandId', options.brands, filter.brandId)}
${selectField('Group', 'groupId', options.groups, filter.groupId)}
${selectField('Agent', 'userId', options.users, filter.userId)}
${selectField('Channel', 'channelId', options.channels, filter.channelId)}
<label>Customer id <input name="customerId" inputmode="numeric" pattern="[0-9]*" size="8" value="${filter.customerId ?? ''}"></label>
<button>Find</button> <a href="${ctx.base}/">Clear</a></form>
<div class="scroll" tabindex="0" role="region" aria-label="Tickets" id="tickets" data-live><table><caption class="muted" style="text-align:left">Tickets ${list.total === 0 ? 0 : list.start + 1}\u2013${end} of ${list.total}, newest first</caption>
<thead><tr><th scope="col">#</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Channel</th><th scope="col">Group</th><th scope="col">Assignee</th><th scope="col">Customer</th><th scope="col">SLA</th><th scope="col">Updated</th></tr></thead>
<tbody>${list.items.map((t) => html`<tr data-ticket="${t.id}"><td>${t.id}</td><td><a href="${ctx.base}/tickets/${t.id}">${t.title}</a></td><td>${statusPill(t.status)}</td>
<td class="prio-${t.priority}">${t.priority}</td><td>${t.channel_name}</td><td>${nameOf(t.assign_options_groups, t.assigned_group_id)}</td><td>${nameOf(t.assign_options_users, t.assigned_user_id)}</td>
<td>${customerName(t)}</td><td>${slaBadge(t)}</td><td class="muted">${t.last_update}</td></tr>`)}</tbody></table>
${list.items.length === 0 ? html`<p class="muted">No tickets here.</p>` : ''}</div>
<nav aria-label="Pages" class="filters">${list.start > 0 ? html`<a href="${inboxHref(ctx, list, Math.max(0, list.start - list.limit))}">Previous ${list.limit}</a>` : ''}
${end < list.total ? html`<a href="${inboxHref(ctx, list, end)}">Next ${list.limit}</a>` : ''}</nav>`)
}

function timelineItem (ctx: PageContext, ticketId: number, item: TimelineItem): Markup {
  if (item.type === 'event') {
    return html`<li class="event" data-type="event">${item.description} <span class="muted">\u00b7 ${item.initiated_by} \u00b7 ${item.created_at}</span></li>`
  }
  const who = item.type === 'note' ? `note by ${item.user_name}` : item.direction === 'inbound' ? `from ${item.from ?? 'customer'}` : `${item.user_name} to ${item.to ?? ''}`
  const isHtml = /<[a-z!][\s\S]*>/i.test(item.content)
  return html`<li class="${item.type === 'note' ? 'note' : `message ${item.direction}`}" data-type="${item.type}">
<div class="meta">${item.type === 'note' ? 'Internal note' : `${item.channel_name ?? 'message'} ${item.direction}`} \u00b7 ${who} \u00b7 ${item.created_at}${item.in_queue ? ` \u00b7 queued until ${item.send_at ?? ''}` : ''}</div>
${isHtml ? mailFrame(ctx, ticketId, item.id, item.content) : html`<div>${item.content}</div>`}</li>`
}

/** HTML mail in a sandboxed frame: remote images, styles and fonts stay blocked until asked for, as in Mailpit. */
function mailFrame (ctx: PageContext, ticketId: number, itemId: string, content: string): Markup {
  const remote = /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\//i.test(content)
  return html`<iframe class="mail" id="mail-${itemId}" sandbox title="Message content" srcdoc="${content}"></iframe>
${remote ? html`<button type="button" class="secondary" data-remote="mail-${itemId}" data-src="${ctx.base}/tickets/${ticketId}/content/${itemId}?remote=1">Load remote content</button>` : ''}`
}

/** Where the ticket's customer can be played from: its open chat session, or its e-mail thread. */
export interface CustomerSide { chatSessionID?: string }

/** The agent's answer on the ticket's own channel, and the customer's, played through the channel's endpoint. */
function replies (ctx: PageContext, ticket: Ticket, side: CustomerSide): Markup {
  const address = ticket.direction === 'inbound' ? ticket.from : ticket.to
  const agent = html`<form class="stack" data-api="${ctx.base}/api/v2/message" aria-labelledby="reply-title"><h2 id="reply-title">Answer as the agent</h2>
<input type="hidden" name="ticketID" value="${ticket.id}" data-type="number"><input type="hidden" name="type" value="${ticket.channel_id}" data-type="number"><input type="hidden" name="toAddress" value="${address}">
<label>Agent <select name="userID" data-type="number"><option value="0">Agent Anonymous</option>${ticket.assign_options_users.map((u) => html`<option value="${u.id}" ${u.id === ticket.assigned_user_id ? 'selected' : ''}>${u.name}</option>`)}</select></label>
<label>Message (${ticket.channel_name}, to ${address}) <textarea name="message" required minlength="5"></textarea></label>
<label>Then set the status <select name="submitStatus"><option value="">(keep ${ticket.status})</option>${TICKET_STATUSES.map((s) => html`<option>${s}</option>`)}</select></label>
<div><button>Send answer</button> <span class="result" role="status"></span></div></form>`
  let customer: Markup | string = ''
  if (side.chatSessionID !== undefined) {
    customer = html`<form class="stack" data-api="${ctx.base}/_emulator/play/chat" aria-labelledby="customer-title"><h2 id="customer-title">Chat as the customer</h2>
<input type="hidden" name="brandID" value="${ticket.brand_id}" data-type="number"><input type="hidden" name="chatSessionID" value="${side.chatSessionID}">
<label>Message <textarea name="message" required></textarea></label><div><button>Send as the customer</button> <span class="result" role="status"></span></div></form>`
  } else if (ticket.channel_id === 1 && ticket.direction === 'inbound' && ticket.external_id) {
    customer = html`<form class="stack" data-api="${ctx.base}/_emulator/play/email" aria-labelledby="customer-title"><h2 id="customer-title">Reply as the customer</h2>
<input type="hidden" name="brandID" value="${ticket.brand_id}" data-type="number"><input type="hidden" name="externalID" value="${ticket.external_id}">
<input type="hidden" name="fromAddress" value="${ticket.from}"><input type="hidden" name="fromName" value="${ticket.from_name ?? ''}">
<label>Subject <input name="subject" value="Re: ${ticket.title}" required></label>
<label>Mail <textarea name="body" required></textarea></label><div><button>Send as the customer</button> <span class="result" role="status"></span></div></form>`
  }
  return html`<div class="card">${agent}</div>${customer === '' ? '' : html`<div class="card">${customer}</div>`}`
}

export function ticketPage (ctx: PageContext, ticket: Ticket, side: CustomerSide): string {
  const api = (path: string) => `${ctx.base}/api/v2${path}`
  return layout(ctx, `#${ticket.id} ${ticket.title}`, '', html`<p><a href="${ctx.base}/">\u2190 Inbox</a></p>
<h1>#${ticket.id} ${ticket.title}</h1>
<div class="grid"><section aria-labelledby="timeline-title"><h2 id="timeline-title" class="muted">Timeline</h2>
<ol class="timeline" id="timeline" data-live>${ticket.timeline.map((item) => timelineItem(ctx, ticket.id, item))}</ol>
${replies(ctx, ticket, side)}</section>
<aside>
<div class="card" id="details" data-live><dl>
<dt>Status</dt><dd data-field="status">${statusPill(ticket.status)}</dd>
<dt>Priority</dt><dd class="prio-${ticket.priority}">${ticket.priority}</dd>
<dt>Brand</dt><dd>${ticket.brand_name}</dd><dt>Channel</dt><dd>${ticket.channel_name} (${ticket.direction})</dd>
<dt>Group</dt><dd>${nameOf(ticket.assign_options_groups, ticket.assigned_group_id) || '\u2013'}</dd>
<dt>Assignee</dt><dd>${nameOf(ticket.assign_options_users, ticket.assigned_user_id) || '\u2013'}</dd>
<dt>Customer</dt><dd>${ticket.customer ? html`<a href="${ctx.base}/?customerId=${ticket.customer.id}">${`${ticket.customer.firstname} ${ticket.customer.lastname}`.trim() || `customer ${ticket.customer.id}`}</a>` : '(none)'}<br><span class="muted">${ticket.customer_channels.map((c) => c.unique_reference).join(', ')}</span></dd>
<dt>SLA</dt><dd>${slaBadge(ticket)} <span class="muted">${ticket.sla_next_breach ?? ''}</span></dd>
<dt>Created</dt><dd>${ticket.created_at}</dd><dt>Updated</dt><dd>${ticket.last_update}</dd>
<dt>Tags</dt><dd>${ticket.tags || '\u2013'}</dd></dl></div>
<div class="card"><h2>Actions</h2>
<form class="action" data-api="${api('/ticket/setstatus')}"><input type="hidden" name="ticketIDs[]" value="${ticket.id}" data-type="number">
<label>Status <select name="status">${TICKET_STATUSES.map((s) => html`<option ${s === ticket.status ? 'selected' : ''}>${s}</option>`)}</select></label><button>Set status</button><span class="result" role="status"></span></form>
<form class="action" data-api="${api(`/ticket/${ticket.id}`)}" data-method="PUT">
<label>Group <select name="assignedGroupID" data-type="number"><option value="0">\u2013</option>${ticket.assign_options_groups.map((g) => html`<option value="${g.id}" ${g.id === ticket.assigned_group_id ? 'selected' : ''}>${g.name}</option>`)}</select></label>
<label>Agent <select name="assignedUserID" data-type="number"><option value="0">\u2013</option>${ticket.assign_options_users.map((u) => html`<option value="${u.id}" ${u.id === ticket.assigned_user_id ? 'selected' : ''}>${u.name}</option>`)}</select></label><button>Assign</button><span class="result" role="status"></span></form>
<form class="action" data-api="${api('/message')}"><input type="hidden" name="ticketID" value="${ticket.id}" data-type="number"><input type="hidden" name="type" value="0" data-type="number">
<label style="width:100%">Internal note <textarea name="message" required minlength="5"></textarea></label><button>Add note</button><span class="result" role="status"></span></form>
</div></aside></div>`)
}

export function notFoundPage (ctx: PageContext, message: string): string {
  return layout(ctx, 'Not found', '', html`<h1>${message}</h1><p><a href="${ctx.base}/">\u2190 Inbox</a></p>`)
}
