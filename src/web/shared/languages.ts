// Languages by name, for showing a victim's language and for choosing one from a list. The names are
// ISO 639-1's English names from the `iso-639-1` package, the same code list the police feed checks
// `language` against (domain/referral-feed/fields.ts).
import ISO6391 from 'iso-639-1'

/** `pl` → "Polish"; an unknown code is shown as it was given, a blank one as "Not given". */
export const languageName = (code: string | null | undefined): string =>
  code ? ISO6391.getName(code.toLowerCase()) || code : 'Not given'

const BY_NAME = ISO6391.getAllCodes()
  .map((code) => ({ code, name: ISO6391.getName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))

/** Items for a govukSelect of every language, by name, with `selected` chosen and a blank first. */
export const languageItems = (selected: string | null | undefined) => [
  { value: '', text: 'Choose a language', selected: !selected },
  ...BY_NAME.map(({ code, name }) => ({ value: code, text: name, selected: code === selected })),
]

export const isLanguageCode = (code: string): boolean => ISO6391.validate(code)
