// The string patterns of the wire and of the configuration, each with the words an error message
// uses for it: a client is told what the value must look like, never a regular expression.
export const DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$'
export const RATE_LIMIT_PATTERN = '^\\d+/\\d+(ms|s|m|h)$'
export const HTTP_URL_PATTERN = '^https?://'
export const WEBHOOK_SECRET_PATTERN = '^whsec_[A-Za-z0-9+/=]{16,}$'
/** A view's identifier as the ticket list's applyView takes it (Omnidesk's ticket spec). */
export const VIEW_ID_PATTERN = '^[0-9a-zA-Z\\-_]+$'
/** The customer list's search text (Omnidesk's customer spec). */
export const CUSTOMER_QUERY_PATTERN = '^[0-9a-zA-Z ]+$'
/** A telephone number in E.164: +, country code and number, at most 15 digits. */
export const E164_PATTERN = '^\\+[1-9][0-9]{1,14}$'
/** An e-mail address, as far as a sandbox needs to tell one from a typo. */
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'
/**
 * The chat spec's chatServer (a host name or address, with port and path) and chatAccountToken. The
 * spec writes `^[a-zA-Z0-9\.\:\/\-]+$`; `\:` is not a valid escape in a Unicode regular expression
 * (as JSON Schema validators compile them), so the same set is written without escapes.
 */
export const CHAT_SERVER_PATTERN = '^[a-zA-Z0-9.:/-]+$'
export const CHAT_TOKEN_PATTERN = '^[a-zA-Z0-9]+$'
/** The telephony guide's patterns: a number as the PBX sends it, a call or PBX id, the PBX's IPv4 address. */
export const PHONE_DIGITS_PATTERN = '^([+0-9]+)$'
export const CALL_ID_PATTERN = '^([\\-a-zA-Z0-9]+)$'
export const PBX_IP_PATTERN = '^([\\.0-9]+)'
/**
 * The settings specs' patterns, written without the escapes (`\_`, `\'`) a Unicode regular expression
 * refuses, as for the chat spec's: the same sets of characters. The user query keeps the spec's
 * alternation as it is (either a name/number from the start or an e-mail address to the end).
 */
export const USER_QUERY_PATTERN = "^([0-9a-zA-Z +]+)|([A-Za-z0-9._+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})$"
export const VIEW_TITLE_PATTERN = '^[0-9a-zA-Z _-]+$'
export const VIEW_QUERY_PATTERN = '^[0-9a-zA-Z _-]+'
export const CHANNEL_NAME_PATTERN = '^[a-zA-Z0-9 ._-]+$'
export const CHANNEL_ICON_PATTERN = '^[a-zA-Z0-9_-]+$'

const WORDS: Record<string, string> = {
  [DATE_TIME_PATTERN]: 'a date-time of the form YYYY-MM-DD HH:MM:SS',
  [RATE_LIMIT_PATTERN]: 'a rate limit such as 100/60s (a count, a slash, a number and ms, s, m or h)',
  [HTTP_URL_PATTERN]: 'an http:// or https:// URL',
  [WEBHOOK_SECRET_PATTERN]: 'whsec_ followed by at least 16 base64 characters',
  [VIEW_ID_PATTERN]: 'a view id of letters, digits, - and _',
  [CUSTOMER_QUERY_PATTERN]: 'letters, digits and spaces',
  [E164_PATTERN]: 'a telephone number in E.164, such as +31612345678',
  [EMAIL_PATTERN]: 'an e-mail address',
  [CHAT_SERVER_PATTERN]: 'a host name or URL of letters, digits, ., :, / and - (such as https://bot.example.com)',
  [CHAT_TOKEN_PATTERN]: 'letters and digits only',
  [PHONE_DIGITS_PATTERN]: 'a telephone number of digits, with an optional +',
  [CALL_ID_PATTERN]: 'letters, digits and -',
  [PBX_IP_PATTERN]: 'an IP address of digits and dots',
  [USER_QUERY_PATTERN]: 'a name or telephone number (letters, digits, spaces and +) or an e-mail address',
  [VIEW_TITLE_PATTERN]: 'letters, digits, spaces, - and _',
  [VIEW_QUERY_PATTERN]: 'letters, digits, spaces, - and _',
  [CHANNEL_NAME_PATTERN]: 'letters, digits, spaces, ., - and _',
  [CHANNEL_ICON_PATTERN]: 'letters, digits, - and _ (an icon name such as chat)'
}

/** What a value of the pattern looks like, in words ("must be …"). */
export function patternWords (pattern: string): string {
  return WORDS[pattern] ?? `text matching ${pattern}`
}
