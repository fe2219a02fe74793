package store

import (
	"fmt"
	"slices"
)

// The state bucket (from layout stateLayout on) keeps what the app must remember
// between runs that is not a record: which reminders were already sent. It lives in
// the database, not in the toolkit's preferences file, so it is sealed like every
// record when the data is encrypted and goes with the data into backups.
const stateLayout = 5

var (
	stateBucket      = []byte("state")
	sentRemindersKey = []byte("reminders_sent")
	stateShape       = shape{name: "state", bucket: stateBucket, version: 1}
)

// KeepSentReminders is how many sent reminder keys are kept (the newest).
const KeepSentReminders = 200

// SentReminders returns the keys of the reminders already sent (model.Reminder.Key,
// "questionnaire/phq9/2026-12-01"), oldest first.
func (s *Store) SentReminders() ([]string, error) {
	var out []string
	err := s.view(func(tx txn) error {
		if tx.layout < stateLayout {
			return nil
		}
		data := tx.Bucket(stateBucket).Get(sentRemindersKey)
		if data == nil {
			return nil
		}
		return tx.decodeInto(stateShape, sentRemindersKey, data, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("read the reminders sent: %w", err)
	}
	return out, nil
}

// MarkRemindersSent adds keys to the reminders already sent, keeping the newest
// KeepSentReminders, in one transaction.
func (s *Store) MarkRemindersSent(keys ...string) error {
	err := s.update(func(tx txn) error {
		var sent []string
		b := tx.Bucket(stateBucket)
		if data := b.Get(sentRemindersKey); data != nil {
			if err := tx.decodeInto(stateShape, sentRemindersKey, data, &sent); err != nil {
				return err
			}
		}
		for _, k := range keys {
			if !slices.Contains(sent, k) {
				sent = append(sent, k)
			}
		}
		if len(sent) > KeepSentReminders {
			sent = sent[len(sent)-KeepSentReminders:]
		}
		data, err := tx.encode(stateShape, sentRemindersKey, sent)
		if err != nil {
			return err
		}
		return b.Put(sentRemindersKey, data)
	})
	if err != nil {
		return fmt.Errorf("remember the reminders sent: %w", err)
	}
	return nil
}
