// Host names: which ones the emulator serves (a guard against DNS rebinding, plugins/guard.ts) and
// the patterns of ALLOWED_HOSTS and WEBHOOK_HOSTS (webhooks.ts).
import { isIP } from 'node:net'
import os from 'node:os'
import { ApiError } from './errors.js'

/** `name.example` matches `name.example`; `*.example` or `.example` matches its sub-domains. */
export function matchesPattern (host: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase()
  if (p === '') return false
  if (p === '*') return true
  if (p.startsWith('*.') || p.startsWith('.')) return host.endsWith(p.slice(p.indexOf('.')))
  return host === p
}

/** The host name of a Host header or URL host, lower-case, without port, brackets or final dot. */
export function hostName (host: string): string {
  const bare = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '')
  return bare.replace(/\.$/, '').toLowerCase()
}

/** This machine's own names and addresses, which clients on the network may use. */
export function ownNames (): Set<string> {
  const names = new Set([os.hostname().toLowerCase()])
  for (const list of Object.values(os.networkInterfaces())) for (const net of list ?? []) names.add(net.address.toLowerCase())
  return names
}

/**
 * Whether a Host header names this emulator as a user means it: an IP address (a page cannot rebind
 * one), localhost and *.localhost, a single label (a compose service name), *.internal (container
 * runtimes' host aliases), this machine's own names, or a pattern of ALLOWED_HOSTS.
 */
export function hostAllowed (host: string, extra: string[], own: Set<string> = ownNames()): boolean {
  const name = hostName(host)
  // No Host at all (an HTTP/1.0 client, a health probe): no browser sends that, so no page can rebind it.
  if (name === '') return true
  if (isIP(name) !== 0 || isLocalName(name)) return true
  return own.has(name) || extra.some((pattern) => matchesPattern(name, pattern))
}

/** A name only a local setup resolves: localhost and *.localhost, *.internal (host.docker.internal), a single label. */
function isLocalName (name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.internal') || !name.includes('.')
}

/**
 * Whether webhooks may go to this host name: by default only where a local setup listens (loopback
 * addresses, the local names above, *.local), or a pattern of WEBHOOK_HOSTS. Registration fetches the
 * URL and reports the answer, which must not become a way to probe other machines.
 */
export function webhookHostAllowed (name: string, extra: string[]): boolean {
  if (name === '') return false
  const version = isIP(name)
  const local = version === 4 ? name.startsWith('127.') : version === 6 ? name === '::1' : isLocalName(name) || name.endsWith('.local')
  return local || extra.some((pattern) => matchesPattern(name, pattern))
}

/**
 * Checks a URL the emulator will call (a webhook, a CRM sync url) before anything is sent: a 400
 * naming the field when it does not parse, or naming `what` and the host when the host is not of a
 * local setup nor in WEBHOOK_HOSTS.
 */
export function checkOutboundUrl (url: string, extra: string[], field: string, what: string): void {
  if (!URL.canParse(url)) throw new ApiError(400, `The field '${field}' is not a valid URL.`)
  const host = hostName(new URL(url).host)
  if (!webhookHostAllowed(host, extra)) {
    throw new ApiError(400, `${what} only to hosts of a local setup (loopback, localhost, a single-label name, *.internal, *.local); add '${host}' to WEBHOOK_HOSTS to allow it.`)
  }
}

/** The patterns of a comma-separated setting such as ALLOWED_HOSTS or WEBHOOK_HOSTS. */
export function hostPatterns (setting: string): string[] {
  return setting.split(',').map((pattern) => pattern.trim()).filter(Boolean)
}
