// What a person reads on a page: the text of the main content, without tags, attributes, scripts or
// form values, so a test can say "no internal code is shown" without tripping over an input's value.
export function pageText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html
  return main
    .replaceAll(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replaceAll(/<[^>]+>/g, ' ')
    .replaceAll(/&nbsp;|&#160;/g, ' ')
    .replaceAll(/&amp;/g, '&')
    .replaceAll(/&#39;|&#x27;/g, "'")
    .replaceAll(/&quot;|&#34;/g, '"')
    .replaceAll(/\s+/g, ' ')
    .trim()
}

/** Internal ids and codes that must never be read on a staff page. */
export const INTERNAL_CODES: readonly RegExp[] = [
  /\b[a-z]+(?:_[a-z]+)+\b/, // snake_case codes: sexual_violence, burglary_residential
  /\b[a-z]+(?:-[a-z]+)*@\d+\b/, // rule set versions: default-routing@1
  /\bNONE-[A-Z]{2}-/, // stand-in crime references
  /\b(?:rosa|victim-support|barnardos|[a-z]+)-(?:isva|burglary|general|cse|hate|cyber|fraud|rural|road)[a-z-]*\b/, // service ids
  /\btriaged\b/, // a referral's status code
]
