// Errors a service raises for its caller to show to a person. Callers recognise them by type
// (`instanceof`), never by their message text: the message is for the person, and may be reworded.

/** The input is wrong; nothing was changed. `field` names what to correct (a form field or option). */
export class InputError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'InputError'
  }
}
