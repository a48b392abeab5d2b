import type { Test } from 'supertest'
import type TestAgent from 'supertest/lib/agent.js'

export type Encoding = 'json' | 'form' | 'multipart'
export const ENCODINGS: Encoding[] = ['json', 'form', 'multipart']

type Fields = Record<string, string | number | Array<string | number>>

/** Sends the same fields as JSON, as a PHP-style form (name[]=v) or as multipart form data. */
export function send (request: TestAgent, method: 'post' | 'put', url: string, fields: Fields, encoding: Encoding): Test {
  const req = request[method](url)
  if (encoding === 'json') return req.send(fields)
  if (encoding === 'form') {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) {
      if (Array.isArray(value)) for (const v of value) params.append(`${name}[]`, String(v))
      else params.append(name, String(value))
    }
    return req.type('form').send(params.toString())
  }
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) req.field(`${name}[]`, String(v))
    else req.field(name, String(value))
  }
  return req
}
