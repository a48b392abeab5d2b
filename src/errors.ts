import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { BODY_LIMIT, FORM_LIMITS, inMiB, UPLOAD_LIMITS } from './limits.js'
import { patternWords } from './patterns.js'
import type { ErrorBody } from './schemas/common.js'

/** A failure that the emulated API answers with its error envelope and this status. */
export class ApiError extends Error {
  readonly statusCode: number
  constructor (statusCode: number, message: string) {
    super(message)
    this.statusCode = statusCode
  }
}

/** The documented wording for an id in the body that does not exist (CONTRACT.md §2). */
export function doesNotExist (thing: string): ApiError {
  return new ApiError(400, `This ${thing} does not exist.`)
}

export const ticketNotFound = (): ApiError => new ApiError(404, 'This ticket does not exist.')

interface AjvError { instancePath: string, keyword: string, params: Record<string, unknown>, message?: string }

/** `/ticketIDs/3` → `ticketIDs[3]`, as a PHP-style form would name it. */
function fieldName (instancePath: string, missing?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (typeof missing === 'string') parts.push(missing)
  return parts.map((p, i) => (i === 0 ? p : `[${p}]`)).join('')
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  array: 'a list (send it as name[]=value)',
  object: 'an object',
  boolean: 'true or false'
}

/** Turns Ajv's first error into a sentence that names the field and the rule. */
export function validationMessage (errors: AjvError[], context?: string): string {
  const error = errors[0]
  if (!error) return 'The request is not valid.'
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'field'
  if (error.keyword === 'required') {
    return `The ${where} '${fieldName(error.instancePath, error.params.missingProperty)}' is required.`
  }
  const field = fieldName(error.instancePath)
  if (!field) {
    return context === 'body'
      ? 'The request body must hold the fields, as application/json, application/x-www-form-urlencoded or multipart/form-data.'
      : `The ${context ?? 'request'} is not valid.`
  }
  const p = error.params
  const rule = ((): string => {
    switch (error.keyword) {
      case 'type': return `must be ${TYPE_WORDS[String(p.type)] ?? String(p.type)}`
      case 'enum': return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`
      case 'const': return `must be ${JSON.stringify(p.allowedValue)}`
      case 'minLength': return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long`
      case 'maxLength': return `must be at most ${String(p.limit)} characters long`
      case 'minimum': return `must be at least ${String(p.limit)}`
      case 'maximum': return `must be at most ${String(p.limit)}`
      case 'minItems': return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`
      case 'maxItems': return `must have at most ${String(p.limit)} items`
      case 'pattern': return `must be ${patternWords(String(p.pattern))}`
      default: return error.message ?? 'is not valid'
    }
  })()
  return `The ${where} '${field}' ${rule}.`
}

function envelope (message: string): ErrorBody {
  return { status: 'error', message }
}

export function errorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // GET /api/v2/ticket/setstatus: "setstatus" is not a ticket id but another method's action.
  if (error.validationContext === 'params' && wrongMethod(request, reply, true)) return
  if (error.validation) {
    reply.status(400).send(envelope(validationMessage(error.validation as AjvError[], error.validationContext)))
    return
  }
  if (error instanceof ApiError) {
    reply.status(error.statusCode).send(envelope(error.message))
    return
  }
  const status = error.statusCode ?? 500
  if (status >= 500) {
    request.log.error({ err: error, method: request.method, url: request.url, params: request.params }, 'unhandled error')
    reply.status(500).send(envelope('Something went wrong in the emulator; the change was not saved. See its log for details.'))
    return
  }
  reply.status(status).send(envelope(clientErrorMessage(error)))
}

/** Fastify's own 4xx errors (bad JSON, body too large, wrong content type) in words a client can act on. */
function clientErrorMessage (error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return `The request body is not valid JSON: ${error.message}`
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `The request body is too large: at most ${inMiB(BODY_LIMIT)}.`
    case 'FST_REQ_FILE_TOO_LARGE':
      return `An uploaded file is too large: at most ${inMiB(UPLOAD_LIMITS.fileSize)} each.`
    case 'FST_FILES_LIMIT':
      return `Too many files in one request: at most ${UPLOAD_LIMITS.files}.`
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return `The form has too many fields: at most ${FORM_LIMITS.parameters}.`
    case 'FST_PROTO_VIOLATION':
      return 'The form uses a forbidden field name (__proto__, constructor or prototype).'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json, application/x-www-form-urlencoded or multipart/form-data.'
    default:
      return error.message
  }
}

/** Answers 405 with Allow (or 204 to OPTIONS) when the path takes other methods; false when it takes none. */
function wrongMethod (request: FastifyRequest, reply: FastifyReply, staticOnly = false): boolean {
  const allowed = request.server.otherMethods(request, staticOnly)
  if (allowed.length === 0) return false
  reply.header('allow', allowed.join(', '))
  if (request.method === 'OPTIONS') {
    reply.status(204).send()
    return true
  }
  const path = request.url.split('?')[0]
  reply.status(405).send(envelope(`${path} does not take ${request.method}: it takes ${allowed.join(', ')}.`))
  return true
}

export function notFoundHandler (request: FastifyRequest, reply: FastifyReply): void {
  if (wrongMethod(request, reply)) return
  reply.status(404).send(envelope(`There is no route ${request.method} ${request.url.split('?')[0]}.`))
}

/**
 * Errors Node's HTTP parser meets before there is a request (Fastify's clientErrorHandler): headers
 * or URL over the limit, a broken request line, a client too slow to send its headers. Answered in
 * the envelope too, never in Fastify's own shape; the connection is closed after.
 */
export function clientErrorHandler (err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const [status, message] = err.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'The request line or headers are too large: at most 16 KiB together (a long URL counts too).']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time; the connection is closed.']
      : [400, `The HTTP request is malformed and could not be read${err.code ? ` (${err.code})` : ''}.`]
  const body = JSON.stringify(envelope(message))
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy()
}
