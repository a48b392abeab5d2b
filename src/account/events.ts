// Hands the changes of one committed unit of work (an API request, a CRM lookup) to the account's
// webhooks, each with the ticket or customer as it now is.
import type { TicketListItem } from '../schemas/tickets.js'
import type { DomainEvent } from '../stores/context.js'
import { getTicketRow } from '../stores/rows/tickets.js'
import { customerItem } from '../views/customers.js'
import { toTicketListItem } from '../views/tickets.js'
import type { StoreContext } from '../stores/context.js'
import type { Webhooks } from './webhooks.js'

/** Where events go: an account's database, clock and webhooks (an Account). */
export interface EventSink extends StoreContext { readonly webhooks: Webhooks }

export function deliverEvents (account: EventSink, events: DomainEvent[]): void {
  // Several events of one ticket: build each ticket once.
  const tickets = new Map<number, TicketListItem | null>()
  const ticketOf = (id: number) => {
    if (!tickets.has(id)) {
      const row = getTicketRow(account.db, id)
      tickets.set(id, row ? toTicketListItem(account, row) : null)
    }
    return tickets.get(id) ?? null
  }
  for (const event of events) {
    if (event.customerId !== undefined) {
      const customer = customerItem(account.db, event.customerId) ?? null
      account.webhooks.send({ type: event.type, timestamp: event.at, data: { ticket: null, customer, changes: event.changes ?? {}, item_id: null } }, 0)
      continue
    }
    account.webhooks.send({
      type: event.type,
      timestamp: event.at,
      data: {
        ticket: ticketOf(event.ticketId),
        changes: event.changes ?? {},
        item_id: event.itemId === undefined ? null : String(event.itemId)
      }
    }, event.ticketId)
  }
}
