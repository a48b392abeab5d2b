// What kind of request a URL (after the account prefix is stripped) makes: one home for the tests
// the hooks run on every request.
import type { FastifyRequest } from 'fastify'

const API = /^\/api\//i
const HEALTH = /^\/_emulator\/health\/?(?:\?|$)/i
const CONTROL = /^\/_emulator(?:\/|\?|$)/i

/** A request to the emulated Omnidesk API (/api/v2/...). */
export const isApiRequest = (request: FastifyRequest): boolean => API.test(request.url)

/** The health check, which needs no account, no key and no control token. */
export const isHealthCheck = (request: FastifyRequest): boolean => HEALTH.test(request.url)

/** A request to the control API (/_emulator/...), the health check aside. */
export const isControlRequest = (request: FastifyRequest): boolean => CONTROL.test(request.url) && !isHealthCheck(request)
