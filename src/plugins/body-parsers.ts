// The three body encodings the emulated API takes, made identical: form and multipart fields are read
// as PHP reads them (`ticketIDs[]=1`, `ticketIDs[0]=1`, `fromAddress[name]=x`), JSON as is (CONTRACT.md §1).
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import qs from 'qs'
import { ApiError } from '../errors.js'
import { FORM_LIMITS, UPLOAD_LIMITS } from '../limits.js'

function decodePart (text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text
  const spaced = text.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced // as qs does: a malformed escape stays as it is
  }
}

/**
 * A parsed form's fields: an object without Object.prototype in its chain (as qs's plainObjects), so
 * that no key inherits anything, made the way Node's querystring makes its results: Object.create(null)
 * gave V8's dictionary-mode objects, ~0.85 µs of parsing a one-field query.
 */
const Fields = function Fields () {} as unknown as new () => Record<string, string | string[]>
Fields.prototype = Object.create(null)

/**
 * The common cases without qs: plain fields and PHP's `name[]` lists (no other brackets in a name,
 * a plain field sent twice keeps its last value, a list only ever appended to, within the limits),
 * such as every POST ticket and setstatus with its `ticketIDs[]`. qs took a tenth of a POST's time and 3 ms of a setstatus on 1,000
 * tickets (bench/RESULTS.md). The text is cut up as qs cuts it (escaped brackets made plain first, a
 * part split at `]=` when it has one), so the result is the same, which property tests check against
 * qs itself. Anything else goes to qs.
 */
export function parseSimpleForm (text: string): Record<string, string | string[]> | undefined {
  const parts = (text.includes('%5') ? text.replace(/%5B/gi, '[').replace(/%5D/gi, ']') : text).split('&')
  if (parts.length > FORM_LIMITS.parameters) return undefined
  const result = new Fields()
  for (const part of parts) {
    const bracketEquals = part.indexOf(']=')
    const at = bracketEquals === -1 ? part.indexOf('=') : bracketEquals + 1
    let key = decodePart(at === -1 ? part : part.slice(0, at))
    if (key === '') continue
    const value = at === -1 ? '' : decodePart(part.slice(at + 1))
    const list = key.endsWith('[]')
    if (list) key = key.slice(0, -2)
    if (key === '' || key === '__proto__' || /[[\]]/.test(key)) return undefined
    const existing = result[key]
    if (existing === undefined || (!list && typeof existing === 'string')) {
      // A field sent twice keeps its last value, as PHP reads a form (and qs with duplicates: 'last').
      result[key] = list ? [value] : value
    } else if (list && Array.isArray(existing) && existing.length < FORM_LIMITS.arrayItems) {
      existing.push(value)
    } else {
      return undefined
    }
  }
  return result
}

/**
 * How qs reads forms and queries here: PHP's arrays within the limits, a repeated field's last value
 * (as PHP keeps it), never prototypes from `__proto__` keys.
 */
export const QS_OPTIONS = {
  duplicates: 'last' as const,
  arrayLimit: FORM_LIMITS.arrayItems,
  parameterLimit: FORM_LIMITS.parameters,
  depth: FORM_LIMITS.depth,
  allowPrototypes: false,
  plainObjects: true,
  throwOnLimitExceeded: true
}

/** Parses a PHP-style query or form string; never builds prototypes from `__proto__` keys. */
export function parsePhpStyle (text: string): Record<string, unknown> {
  const simple = parseSimpleForm(text)
  if (simple) return simple
  try {
    return qs.parse(text, QS_OPTIONS)
  } catch (err) {
    if (err instanceof RangeError) {
      throw new ApiError(413, `The form has too many fields or list items: at most ${FORM_LIMITS.parameters} fields and ${FORM_LIMITS.arrayItems} items in one list.`)
    }
    throw err
  }
}

const QUERY_PROBLEM = Symbol('query problem')

/**
 * Fastify's querystringParser: the query read as PHP reads it (last value of a repeated key, PHP's
 * lists), like the form bodies. It runs inside the router's lookup, where a throw would escape every
 * handler, so a problem is put on the result and raised by the hook below.
 */
export function parseQuery (text: string): Record<string, unknown> {
  if (text === '') return {}
  try {
    return parsePhpStyle(text)
  } catch (err) {
    return { [QUERY_PROBLEM]: err instanceof ApiError ? err : new ApiError(400, 'The query string is not valid.') }
  }
}

async function bodyParsers (app: FastifyInstance): Promise<void> {
  // Fastify reads text/plain by default; the API takes JSON, forms and multipart only, so any other
  // body is a 415 (FST_ERR_CTP_INVALID_MEDIA_TYPE), as the README says.
  app.removeContentTypeParser('text/plain')
  app.addHook('onRequest', (request, _reply, done) => {
    const problem = (request.query as { [QUERY_PROBLEM]?: ApiError } | undefined)?.[QUERY_PROBLEM]
    done(problem)
  })
  await app.register(formbody, { parser: parsePhpStyle })
  await app.register(multipart, {
    limits: { fields: FORM_LIMITS.parameters, parts: FORM_LIMITS.parameters, ...UPLOAD_LIMITS }
  })
  // Reads the parts itself, so that a broken multipart body is a 400 and not an error of the emulator.
  app.addHook('preValidation', (request, _reply, done) => {
    if (!request.isMultipart()) return done()
    readParts(request).then(() => done(), done)
  })
}

async function readParts (request: FastifyRequest): Promise<void> {
  const params = new URLSearchParams()
  try {
    let files = 0
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // Files are read and dropped as they stream in (the emulator keeps no file content), never
        // held; what they are becomes attachments[i] (name, type, size), whatever the part's name.
        let size = 0
        await pipeline(part.file, new Writable({ write: (chunk: Buffer, _encoding, next) => { size += chunk.length; next() } }))
        const at = `attachments[${files++}]`
        params.append(`${at}[name]`, part.filename)
        params.append(`${at}[type]`, part.mimetype)
        params.append(`${at}[size]`, String(size))
      } else if (typeof part.value === 'string') params.append(part.fieldname, part.value)
    }
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== undefined) throw err
    throw new ApiError(400, `The multipart body is malformed: ${(err as Error).message}.`)
  }
  request.body = parsePhpStyle(params.toString())
}

export default fp(bodyParsers, { name: 'body-parsers' })
