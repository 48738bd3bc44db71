// A search typed as a crime reference or referral ID is kept in the audit log, so an auditor can follow
// what someone looked for. People also type other things into the one box beside a reference (a
// postcode, a phone number, a name), and the audit log must not become a second store of those: each
// such part is replaced by a label that says what kind of thing it was.

const EMAIL = /[^\s@]+@[^\s@]+/g
// A full UK postcode (outward and inward code, with or without the space); the district is kept, as
// the victim search page itself shows it.
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?\d[A-Z]{2}\b/gi
const DATE = /\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})\b/g
// A number as people write a phone number: a leading 0 or +, then at least nine more digits among
// spaces, brackets, dots and dashes. All-digit crime references do not start with 0.
const PHONE = /(?<![\w/])(?:\+|0)[\d\s().-]{9,}\d(?![\w/])/g
const NAME_WORD = /^\p{L}[\p{L}'’-]*$/u

const countDigits = (text: string) => text.replace(/\D/g, '').length

/** The search text with every part that may be personal data replaced by a label such as [phone]. */
export function recordableSearchTerm(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(POSTCODE, (_whole, district: string) => `[postcode ${district.toUpperCase()}]`)
    .replace(DATE, '[date]')
    .replace(PHONE, (whole) => (countDigits(whole) >= 10 ? '[phone]' : whole))
    .split(' ')
    .map((word) => (NAME_WORD.test(word) ? '[name]' : word))
    .join(' ')
}
