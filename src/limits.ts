// The bounds on what one request may send: one home, read by the code that enforces them and by the
// error messages that name them.

/** A request body at most (JSON or form; multipart files are bounded on their own). */
export const BODY_LIMIT = 5 * 1024 * 1024
/** Multipart uploads: files in one request, and the size of each (read and dropped). */
export const UPLOAD_LIMITS = { files: 20, fileSize: 10 * 1024 * 1024 }
/** Form fields in one body, items in one PHP list (`name[]`), and bracket depth. */
export const FORM_LIMITS = { parameters: 20_000, arrayItems: 10_000, depth: 5 }
/** A client that sends its request too slowly is closed: the whole request, and its headers. */
export const REQUEST_TIMEOUT = 60_000
export const HEADERS_TIMEOUT = 10_000

/** A ticket's title and a sender's display name at most (ours: the real service must bound them somewhere). */
export const NAME_MAX = 1000
/** A message's content at most (ours). */
export const MESSAGE_MAX = 1_000_000
/** Webhook deliveries waiting for one endpoint at most; past it the oldest waiting one is dropped (and counted). */
export const WEBHOOK_QUEUE_LIMIT = 1000

/** A number as the messages write it: 1,000,000. */
// Not toLocaleString: its first call loads the locale data, ~25 ms of a cold start.
export const counted = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',')

/** A size in bytes as the messages say it: "5 MiB". */
export const inMiB = (bytes: number): string => `${Math.round(bytes / (1024 * 1024) * 10) / 10} MiB`
