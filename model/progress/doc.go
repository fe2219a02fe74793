// Package progress turns the records Keel keeps (sessions, check-ins,
// questionnaires and courses) into what the Progress screen shows (docs/product.md items 5-7): weekly charts on ISO
// weeks, a session-aligned mood view, dips between sessions, progress against a
// course plan with gentle pace notes, the honest verdict of docs/clinical.md, and cost.
// Assess gathers, as of one time, everything said about how a course is going (the
// verdict, each questionnaire's baseline and latest, deterioration flags, the item 9
// history, whether reassurance may be shown): the window, the clinician's report and
// `keel progress` all show that one computation.
//
// Every function here is pure: nothing reads the clock, the disk or the
// network. Where "today" matters the caller passes now, and calendar days are
// counted in the location the caller gives (the user's), so tests run on fixed
// clocks. Nothing here recommends a dose or a frequency: the pace notes only
// compare what happened with the plan the user entered and suggest a talk with
// the care team.
package progress
