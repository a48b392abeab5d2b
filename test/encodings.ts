import type { Test } from 'supertest'
import type TestAgent from 'supertest/lib/agent.js'

export type Encoding = 'json' | 'form' | 'multipart'
export const ENCODINGS: Encoding[] = ['json', 'form', 'multipart']

type Value = string | number | boolean | Value[] | { [key: string]: Value }
type Fields = Record<string, Value>

/**
 * The fields as PHP-style names and values: a list of plain values as name[]=v, a list of objects as
 * name[i][key]=v, an object as name[key]=v.
 */
function flatten (fields: Fields, prefix = ''): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (const [key, value] of Object.entries(fields)) {
    const name = prefix === '' ? key : `${prefix}[${key}]`
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (typeof item === 'object') pairs.push(...flatten(item as Fields, `${name}[${i}]`))
        else pairs.push([`${name}[]`, String(item)])
      })
    } else if (typeof value === 'object') {
      pairs.push(...flatten(value, name))
    } else {
      pairs.push([name, String(value)])
    }
  }
  return pairs
}

/** Sends the same fields as JSON, as a PHP-style form (name[]=v, name[key]=v) or as multipart form data. */
export function send (request: TestAgent, method: 'post' | 'put' | 'delete', url: string, fields: Fields, encoding: Encoding): Test {
  const req = request[method](url)
  if (encoding === 'json') return req.send(fields)
  if (encoding === 'form') return req.type('form').send(new URLSearchParams(flatten(fields)).toString())
  for (const [name, value] of flatten(fields)) req.field(name, value)
  return req
}
