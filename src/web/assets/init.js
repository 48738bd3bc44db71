// Starts GOV.UK Frontend's enhancements (quick exit keyboard shortcut and the like) when the browser supports them.
import { initAll } from '/assets/govuk/govuk-frontend.min.js'

initAll()
