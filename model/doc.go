// Package model is Keel's domain: the records a person keeps about their ketamine
// therapy (sessions, preparation checklists, check-ins, questionnaires, the
// follow-ups of the 72 hours after a session, journal entries, courses), the rules
// they follow (validation, scoring and bands as docs/clinical.md gives them, what is
// due, reminders), the registry of record kinds (record.go) and the errors a person
// may meet (errors.go). It knows nothing about windows, widgets or databases: the
// packages under it store (store), exchange (exchange), judge (progress), draw
// (chart) and report (report) these records.
package model
